namespace NeuralPDE.Numerics.WalkOnSpheres;

/// <summary>
/// The walk-on-spheres estimate at one point: the sample mean of the walks' values, its standard error
/// (sample standard deviation / √walks; a 95 % confidence interval is Mean ± 1.96 StandardError), the mean number of
/// steps per walk and how many walks hit the step limit.
/// </summary>
public readonly record struct WosEstimate(double Mean, double StandardError, int Walks, double MeanSteps, int Truncated)
{
    /// <summary>Mean ± z · StandardError.</summary>
    public (double Low, double High) ConfidenceInterval(double z = 1.96) => (Mean - z * StandardError, Mean + z * StandardError);

    internal static WosEstimate FromSums(double sum, double sumSquares, int walks, long steps, int truncated)
    {
        double mean = sum / walks;
        double variance = walks > 1 ? Math.Max(0, (sumSquares - walks * mean * mean) / (walks - 1)) : 0;
        return new WosEstimate(mean, Math.Sqrt(variance / walks), walks, (double)steps / walks, truncated);
    }
}
