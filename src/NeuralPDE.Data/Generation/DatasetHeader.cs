namespace NeuralPDE.Data.Generation;

/// <summary>Everything a dataset file records besides the samples: the recipe and problem spec (JSON text after
/// overrides), seeds, solver, the shard and its sample range, and the layout.</summary>
public sealed record DatasetHeader(
    string RecipeName,
    string ProblemName,
    string RecipeJson,
    string SpecJson,
    long Seed,
    int TotalSamples,
    int BatchSize,
    string Solver,
    string Notes,
    DatasetLayout Layout,
    ShardSpec Shard,
    int SampleStart,
    int SampleEnd)
{
    /// <summary>Format tag stored as the attribute <c>format</c>.</summary>
    public const string Format = "neuralpde-dataset/1";

    public int Count => SampleEnd - SampleStart;

    /// <summary>What must agree between the shards of one dataset (and between a partial run and its resumption).</summary>
    public string Identity()
        => string.Join("\n", RecipeName, ProblemName, RecipeJson, SpecJson, Seed, TotalSamples, BatchSize, Solver, Layout.Fingerprint());
}
