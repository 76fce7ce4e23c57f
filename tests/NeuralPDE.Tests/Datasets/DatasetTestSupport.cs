using NeuralPDE.Cli.Commands;
using NeuralPDE.Data.Reading;
using NeuralPDE.Tests.Support;

namespace NeuralPDE.Tests.Datasets;

/// <summary>Small overrides per recipe (seconds, not minutes) and helpers shared by the dataset tests.</summary>
internal static class DatasetTestSupport
{
    public static readonly Dictionary<string, string[]> Small = new()
    {
        ["burgers-1d-periodic"] = ["batchSize=3", "spec.reference.resolution=32", "spec.reference.outputResolution=16", "spec.parameters.tEnd=0.2", "spec.reference.timeStep=0.01", "spec.reference.outputTimes=5"],
        ["ns-vorticity-2d"] = ["batchSize=3", "spec.reference.resolution=16", "spec.reference.outputResolution=8", "spec.parameters.tEnd=1.0", "spec.reference.timeStep=0.05", "spec.reference.outputTimes=3"],
        ["darcy-2d"] = ["batchSize=3", "spec.reference.resolution=17"],
        ["poisson-star"] = ["batchSize=3", "spec.reference.resolution=21"],
        ["poisson-2d"] = ["batchSize=3", "spec.reference.resolution=17"],
        ["pme-1d"] = ["batchSize=3", "spec.reference.resolution=24", "spec.reference.outputTimes=4", "spec.reference.timeStep=0.02"],
    };

    public static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"npde-ds-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static void Generate(string recipe, string output, int samples, string? shard = null, string? solver = null, long? seed = null, params string[] extra)
    {
        int code = GenerateCommand.Execute(new GenerateCommand.Settings(recipe, output, samples, shard ?? "0/1", solver, seed, 1,
            [.. Small[recipe], .. extra], "cpu", null, Quiet: true));
        Assert.Equal(0, code);
    }

    /// <summary>All per-sample arrays, seeds and parameters of a file, flattened, for bitwise comparisons.</summary>
    public static Dictionary<string, float[]> Contents(string path)
    {
        using var reader = new DatasetReader(path);
        var result = new Dictionary<string, float[]>();
        foreach (string name in reader.Arrays)
        {
            result[name] = Enumerable.Range(0, reader.Count).SelectMany(i => reader.Read(i, name, out _)).ToArray();
        }
        result["seeds"] = reader.Seeds().Select(s => (float)(s % 1_000_003)).ToArray();
        result["parameters"] = reader.Parameters().Values.Select(v => (float)v).ToArray();
        return result;
    }

    public static void AssertSame(Dictionary<string, float[]> a, Dictionary<string, float[]> b)
    {
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        foreach (var (name, values) in a)
        {
            Assert.True(values.AsSpan().SequenceEqual(b[name]), $"array {name} differs");
        }
    }

    public static (int Code, string Out, string Err) Neuralpde(string args, int timeoutMs = 120_000)
        => ExternalTools.Run("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "neuralpde.dll")}\" {args}", timeoutMs: timeoutMs);
}
