namespace NeuralPDE.Cli.Output;

/// <summary>
/// Resident memory of this process from /proc/self/status (Linux): VmRSS now and VmHWM, the peak. Writing 5 to
/// /proc/self/clear_refs resets the peak to the current RSS, so the peak of one phase can be measured in isolation.
/// Elsewhere falls back to the .NET peak working set (no reset).
/// </summary>
public static class ProcessMemory
{
    /// <summary>Resets the peak (true when supported).</summary>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static double CurrentMB() => Read("VmRSS:") ?? System.Diagnostics.Process.GetCurrentProcess().WorkingSet64 / 1048576.0;

    public static double PeakMB() => Read("VmHWM:") ?? JsonSummary.PeakMemoryMB();

    private static double? Read(string key)
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    string[] parts = line[key.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return null;
    }
}
