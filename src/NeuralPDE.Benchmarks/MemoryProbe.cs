using System.Diagnostics;

namespace NeuralPDE.Benchmarks;

/// <summary>
/// Peak resident memory of the process while a method runs: the resident set size is sampled every
/// <c>interval</c> on a background timer (native allocations such as libtorch's count, unlike the managed heap), and
/// the peak is reported above the size at the start. Dispose to stop sampling.
/// </summary>
public sealed class MemoryProbe : IDisposable
{
    private readonly Timer _timer;
    private readonly long _start;
    private long _peak;

    public MemoryProbe(TimeSpan? interval = null)
    {
        _start = ResidentBytes();
        _peak = _start;
        TimeSpan period = interval ?? TimeSpan.FromMilliseconds(20);
        _timer = new Timer(_ => Sample(), null, period, period);
    }

    /// <summary>Peak resident memory above the start (MB), sampled up to now.</summary>
    public double PeakIncreaseMB
    {
        get
        {
            Sample();
            return Math.Round(Math.Max(0, Interlocked.Read(ref _peak) - _start) / (1024.0 * 1024.0), 1);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        long now = ResidentBytes();
        long seen;
        while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
        {
        }
    }

    /// <summary>The current resident set size in bytes (/proc/self/statm on Linux, the working set elsewhere).</summary>
    public static long ResidentBytes()
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                string[] fields = File.ReadAllText("/proc/self/statm").Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) * Environment.SystemPageSize;
            }
        }
        catch (IOException)
        {
        }
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
