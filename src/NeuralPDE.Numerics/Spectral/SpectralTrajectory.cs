using static TorchSharp.torch;

namespace NeuralPDE.Numerics.Spectral;

/// <summary>
/// Output of a batched spectral time integration: <see cref="Snapshots"/> is a float64 tensor
/// <c>[B, T, X]</c> (1-D) or <c>[B, T, X, Y]</c> (2-D) at the times <see cref="Times"/> (t = 0 included),
/// plus the step statistics. Owns the tensor: dispose it (or move it out) when done.
/// </summary>
public sealed class SpectralTrajectory : IDisposable
{
    public SpectralTrajectory(Tensor snapshots, double[] times, long steps, double minTimeStep, double maxTimeStep)
    {
        Snapshots = snapshots;
        Times = times;
        Steps = steps;
        MinTimeStep = minTimeStep;
        MaxTimeStep = maxTimeStep;
    }

    public Tensor Snapshots { get; }

    public double[] Times { get; }

    /// <summary>Total time steps taken.</summary>
    public long Steps { get; }

    public double MinTimeStep { get; }

    public double MaxTimeStep { get; }

    public void Dispose() => Snapshots.Dispose();
}
