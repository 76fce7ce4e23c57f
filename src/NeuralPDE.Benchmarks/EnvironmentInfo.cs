using System.Reflection;
using System.Runtime.InteropServices;

namespace NeuralPDE.Benchmarks;

/// <summary>Where a benchmark ran: CPU, core and thread counts, device, OS, runtime and library versions, seed.</summary>
public sealed record EnvironmentInfo(IReadOnlyList<KeyValuePair<string, string>> Entries)
{
    public static EnvironmentInfo Capture(BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var entries = new List<KeyValuePair<string, string>>
        {
            new("cpu", CpuModel()),
            new("logical cores", System.Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("torch threads", TorchSharp.torch.get_num_threads().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("device", options.Device),
            new("cuda available", TorchSharp.torch.cuda.is_available() ? "yes" : "no"),
            new("os", RuntimeInformation.OSDescription),
            new(".NET", RuntimeInformation.FrameworkDescription),
            new("NeuralPDE", Version(typeof(EnvironmentInfo).Assembly)),
            new("TorchSharp", Version(typeof(TorchSharp.torch).Assembly)),
            new("MathNet.Numerics", Version(typeof(MathNet.Numerics.Control).Assembly)),
            new("budget", BenchmarkBudgets.Name(options.Budget)),
            new("seed", options.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        return new EnvironmentInfo(entries);
    }

    private static string Version(Assembly assembly)
    {
        string? informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return (informational ?? assembly.GetName().Version?.ToString() ?? "unknown").Split('+')[0];
    }

    private static string CpuModel()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                if (line is not null)
                {
                    return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
