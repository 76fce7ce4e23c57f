using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using NeuralPDE.Core.IO;

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

    /// <summary>A JSON number, or null for NaN/infinity (which JSON cannot hold).</summary>
    public static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
