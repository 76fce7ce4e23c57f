using NeuralPDE.Numerics.Solvers;

namespace NeuralPDE.Benchmarks.Methods;

/// <summary>Turns a trainer's or generator's fractional progress into the benchmark's progress lines, at most one
/// every <c>interval</c> (and always the last one), each prefixed with <c>prefix</c>.</summary>
public sealed class ProgressLines(IProgress<string>? log, string prefix, TimeSpan? interval = null) : IProgress<SolveProgress>
{
    private readonly TimeSpan _interval = interval ?? TimeSpan.FromSeconds(10);
    private DateTime _last = DateTime.MinValue;

    public void Report(SolveProgress value)
    {
        if (log is null)
        {
            return;
        }
        DateTime now = DateTime.UtcNow;
        if (value.Fraction >= 1 || now - _last >= _interval)
        {
            _last = now;
            log.Report($"{prefix}: {value.Status}");
        }
    }
}
