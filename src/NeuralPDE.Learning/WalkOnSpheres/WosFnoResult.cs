using NeuralPDE.Learning.Fno;

namespace NeuralPDE.Learning.WalkOnSpheres;

/// <summary>Outcome of a <see cref="WosFnoTrainer"/> run.</summary>
/// <param name="Epochs">Completed epochs.</param>
/// <param name="Seconds">Training wall time (walks, FNO steps, evaluations and checkpoints; see <see cref="EvaluationSeconds"/>).</param>
/// <param name="WalkSeconds">Of which walking.</param>
/// <param name="TotalWalks">Walks drawn over all training samples and epochs.</param>
/// <param name="WalksPerNode">Walks behind each final running-mean target.</param>
/// <param name="Test">Per-sample relative L2 errors on the test split against the finite-difference solution (on the mask).</param>
/// <param name="TargetRelL2">Mean relative L2 error of the final WoS targets against the finite-difference solution
/// (training samples, on the mask): the noise floor of the supervision.</param>
/// <param name="TargetStandardError">Mean standard error of the final WoS targets.</param>
public sealed record WosFnoResult(int Epochs, double Seconds, double WalkSeconds, long TotalWalks, long WalksPerNode,
    FnoEvaluation Test, double TargetRelL2, double TargetStandardError, WosFnoEpochRecord[] History)
{
    /// <summary>Test error before training (the initial network).</summary>
    public double InitialTestRelL2 { get; init; } = double.NaN;

    /// <summary>Of <see cref="Seconds"/>: test evaluations, target-error checks and checkpoints, which are not
    /// training steps (the steps' own time is the difference).</summary>
    public double EvaluationSeconds { get; init; }

    /// <summary>The epoch the run was resumed from (0 for a fresh run).</summary>
    public int ResumedFromEpoch { get; init; }
}
