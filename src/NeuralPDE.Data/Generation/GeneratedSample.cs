namespace NeuralPDE.Data.Generation;

/// <summary>One finished sample: its arrays in <see cref="DatasetLayout.Arrays"/> order, its parameters and its solver
/// statistics (in the layout's name order).</summary>
public sealed record GeneratedSample(int Index, long Seed, float[][] Arrays, double[] Parameters, double[] Statistics);
