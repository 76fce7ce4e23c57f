namespace NeuralPDE.Learning.Pinn;

/// <summary>One row of the training history: the step, optimiser phase, total loss, the PDE and constraint loss
/// terms (unweighted mean squares), the constraint weights in force, and the elapsed training seconds.</summary>
public sealed record MetricRecord(long Step, string Phase, double Loss, double PdeLoss, double[] ConstraintLosses, double[] Weights, double Seconds);
