namespace NeuralPDE.Numerics.WalkOnSpheres;

/// <summary>Estimates at many points with totals for throughput reporting.</summary>
public sealed class WosBatch
{
    public WosBatch(WosEstimate[] estimates, double seconds)
    {
        Estimates = estimates;
        Seconds = seconds;
        foreach (var e in estimates)
        {
            TotalWalks += e.Walks;
            TotalSteps += (long)Math.Round(e.MeanSteps * e.Walks);
            Truncated += e.Truncated;
        }
    }

    public WosEstimate[] Estimates { get; }

    /// <summary>Wall-clock seconds of the whole batch.</summary>
    public double Seconds { get; }

    public long TotalWalks { get; }

    public long TotalSteps { get; }

    public long Truncated { get; }

    public double WalksPerSecond => Seconds > 0 ? TotalWalks / Seconds : double.PositiveInfinity;

    public double[] Means() => Estimates.Select(e => e.Mean).ToArray();

    public double[] StandardErrors() => Estimates.Select(e => e.StandardError).ToArray();
}
