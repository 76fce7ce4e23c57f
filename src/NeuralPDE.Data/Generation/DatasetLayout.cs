namespace NeuralPDE.Data.Generation;

/// <summary>
/// What a generator writes for every sample (the per-sample arrays, parameter and statistic names) and once per file
/// (coordinates such as <c>x-coordinate</c>, and scalar root attributes such as PDEBench's <c>Nu</c>).
/// </summary>
public sealed record DatasetLayout(
    IReadOnlyList<DatasetArray> Arrays,
    IReadOnlyDictionary<string, float[]> Coordinates,
    IReadOnlyList<string> ParameterNames,
    IReadOnlyList<string> StatisticNames,
    IReadOnlyDictionary<string, double> Attributes)
{
    /// <summary>A text fingerprint of the layout (names and shapes), to check that parts and shards match.</summary>
    public string Fingerprint()
        => string.Join(";", Arrays.Select(a => a.Name + "[" + string.Join(",", a.SampleShape) + "]"))
           + "|" + string.Join(",", ParameterNames) + "|" + string.Join(",", StatisticNames)
           + "|" + string.Join(",", Coordinates.Select(c => c.Key + "[" + c.Value.Length + "]"));
}
