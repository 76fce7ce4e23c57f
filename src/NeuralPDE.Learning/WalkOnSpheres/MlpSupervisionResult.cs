namespace NeuralPDE.Learning.WalkOnSpheres;

/// <summary>Outcome of one <see cref="StarPoissonMlpTrainer"/> run.</summary>
/// <param name="RelativeL2">‖u − u_FD‖/‖u_FD‖ over the reference grid's closed-domain mask.</param>
/// <param name="Seconds">Wall time of the training loop (WoS walks included).</param>
/// <param name="WalkSeconds">Of which walking (0 for PINN).</param>
/// <param name="FinalLoss">Last total loss.</param>
/// <param name="TotalWalks">Walks drawn (0 for PINN).</param>
/// <param name="TargetStandardError">Mean standard error of the final WoS targets (0 for PINN).</param>
public sealed record MlpSupervisionResult(
    SupervisionMethod Method, int Steps, double RelativeL2, double Seconds, double WalkSeconds, double FinalLoss,
    long TotalWalks, double TargetStandardError, IReadOnlyList<(int Step, double Loss, double RelativeL2)> History)
{
    public double SecondsPerStep => Seconds / Steps;

    /// <summary>The trained network on every node of the reference grid (row-major x, y; outside nodes included).</summary>
    public double[] GridPrediction { get; init; } = [];
}
