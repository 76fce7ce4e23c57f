using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using NeuralPDE.Core.IO;
using NeuralPDE.Core.Specs;

namespace NeuralPDE.Cli.Output;

/// <summary>The machine-readable <c>--json</c> summary (DESIGN.md): always <c>problem</c>, <c>method</c>,
/// <c>wallSeconds</c>; <c>relL2</c>, <c>steps</c>, <c>samples</c>, <c>peakMemoryMB</c> where they apply.</summary>
public static class JsonSummary
{
    public static double PeakMemoryMB()
    {
        using var process = Process.GetCurrentProcess();
        return Math.Round(process.PeakWorkingSet64 / (1024.0 * 1024.0), 1);
    }

    /// <summary>Fails early (before long work) when the folder of a --json path does not exist.</summary>
    public static void CheckFolder(string? path)
    {
        if (path is null)
        {
            return;
        }
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new IOException($"--json {path}: folder {folder} does not exist");
        }
    }

    public static void Write(string path, JsonObject summary)
    {
        string full = Path.GetFullPath(path);
        string? folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new IOException($"--json {path}: folder {folder} does not exist");
        }
        AtomicFile.Write(full, temp => File.WriteAllText(temp, summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true })));
    }

    /// <summary>The summary of a training run (pinn, fno, wos): <c>problem</c>, <c>method</c>, <c>family</c>,
    /// <c>variant</c>, <c>relL2</c> and <c>comparedWith</c> first, then the method's own <paramref name="details"/> in
    /// their order (moved out of <paramref name="details"/>).</summary>
    public static JsonObject TrainingRun(ProblemSpec spec, string method, double relL2, string comparedWith, JsonObject details)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(details);
        var summary = new JsonObject
        {
            ["problem"] = spec.Name,
            ["method"] = method,
            ["family"] = spec.Family,
            ["variant"] = spec.Variant,
            ["relL2"] = Number(relL2),
            ["comparedWith"] = comparedWith,
        };
        foreach (var (key, value) in details.ToList())
        {
            details.Remove(key);
            summary[key] = value;
        }
        return summary;
    }

    /// <summary>A JSON number, or null for NaN/infinity (which JSON cannot hold).</summary>
    public static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
