namespace NeuralPDE.Benchmarks;

/// <summary>A training history series (loss, or an error) against the optimiser step.</summary>
public sealed record LossCurve(string Name, double[] Steps, double[] Values);
