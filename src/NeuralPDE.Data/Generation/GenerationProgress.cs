namespace NeuralPDE.Data.Generation;

/// <summary>Progress of a generation run: samples done (resumed ones included) of the shard's total, the rate of
/// samples generated in this run, and the estimated seconds left.</summary>
public readonly record struct GenerationProgress(int Done, int Total, int Resumed, double SamplesPerSecond, double EtaSeconds);

/// <summary>What a run did: the file, its sample range, how many samples were generated now and how many were taken
/// from an interrupted earlier run, and timings (generation only, and total with assembling the file).</summary>
public sealed record GenerationReport(string Path, ShardSpec Shard, int SampleStart, int SampleEnd, int Generated, int Resumed, double GenerationSeconds, double TotalSeconds)
{
    public int Samples => SampleEnd - SampleStart;

    public double SamplesPerSecond => Generated == 0 ? 0 : Generated / Math.Max(GenerationSeconds, 1e-9);
}
