namespace NeuralPDE.Learning.Pinn;

/// <summary>What a training run did: steps completed (over all resumed runs), the step it resumed from, its wall
/// time, the final loss, L-BFGS statistics and whether it stopped early on request (<see cref="TrainingOptions.StopAtStep"/>).</summary>
public sealed record TrainingResult(
    long Steps,
    long ResumedFromStep,
    double Seconds,
    double FinalLoss,
    IReadOnlyList<MetricRecord> History,
    long LbfgsIterations,
    long LbfgsEvaluations,
    bool LbfgsConverged,
    bool Interrupted,
    int CollocationPoints,
    IReadOnlyList<string> ConstraintNames);
