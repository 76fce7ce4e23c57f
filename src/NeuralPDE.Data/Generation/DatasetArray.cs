namespace NeuralPDE.Data.Generation;

/// <summary>A per-sample float32 array of a dataset: stored as HDF5 dataset <see cref="Name"/> with shape
/// [N, ..<see cref="SampleShape"/>] (e.g. PDEBench's <c>tensor</c> [N, T, X]).</summary>
public sealed record DatasetArray(string Name, int[] SampleShape, string Description)
{
    public int SampleLength => SampleShape.Aggregate(1, (a, b) => a * b);
}
