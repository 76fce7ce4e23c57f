using TorchSharp;

namespace NeuralPDE.Learning.WalkOnSpheres;

/// <summary>
/// Settings of both methods of <see cref="StarPoissonMlpTrainer"/> (same network, optimiser, batches and boundary
/// points) and the WoS target settings. Boundary data enter both methods as a soft penalty w · mean (u − g)² at
/// BoundaryBatch fresh random boundary points per step, with a weight w tuned for each method: the PINN needs the
/// boundary term to pin down its solution (poisson-star, 3,000 steps: w = 1, 10, 100, 1000 give 0.037, 0.034, 0.021,
/// 0.032), while the WoS targets already carry the boundary data into the interior and a heavy boundary term only
/// slows the regression (w = 0, 0.1, 1, 10, 100 give 0.023, 0.023, 0.027, 0.045, 0.10).
/// </summary>
public sealed record MlpSupervisionSettings
{
    public int Steps { get; init; } = 3000;

    public int Width { get; init; } = 64;

    public int Depth { get; init; } = 4;

    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Learning-rate decay factor per 1000 steps.</summary>
    public double DecayRate { get; init; } = 0.9;

    /// <summary>Interior points per step (PINN collocation points; WoS mini-batch drawn from the pool).</summary>
    public int Batch { get; init; } = 512;

    public int BoundaryBatch { get; init; } = 256;

    /// <summary>Weight of the boundary penalty in the PINN loss.</summary>
    public double PinnBoundaryWeight { get; init; } = 100;

    /// <summary>Weight of the boundary penalty in the WoS loss (0: none, the boundary points are then not drawn).</summary>
    public double WosBoundaryWeight { get; init; } = 0.1;

    /// <summary>The boundary weight of <paramref name="method"/>.</summary>
    public double BoundaryWeight(SupervisionMethod method) => method == SupervisionMethod.Pinn ? PinnBoundaryWeight : WosBoundaryWeight;

    /// <summary>WoS: interior points carrying targets.</summary>
    public int Pool { get; init; } = 4096;

    /// <summary>WoS: new walks per pool point at each refresh (merged into the running mean).</summary>
    public int WalksPerRefresh { get; init; } = 2;

    /// <summary>WoS: steps between refreshes. The network smooths the noise of its targets over neighbouring pool
    /// points, so the walks can be spread thin: poisson-star, 3,000 steps, refresh every 8 (one pass over the pool),
    /// 16, 32, 64, 128 steps gave rel. L2 0.0226, 0.0226, 0.0220, 0.0251, 0.0253 at 8.6, 6.3, 4.0, 3.2, 3.4 ms per step
    /// (seeds 1 and 2 at 32: 0.0222, 0.0219; at 8: 0.0218, 0.0200); 300 steps: 0.0466 at 8, 0.0465 at 32.</summary>
    public int RefreshEvery { get; init; } = 32;

    /// <summary>WoS: shell width as a fraction of the domain's bounding-box diameter.</summary>
    public double RelativeEpsilon { get; init; } = 5e-4;

    public int Threads { get; init; }

    public int Seed { get; init; }

    public torch.ScalarType DType { get; init; } = torch.ScalarType.Float32;

    /// <summary>Throws a one-line <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        static void Check(bool ok, string name, string expected, object value)
        {
            if (!ok)
            {
                throw new ArgumentException($"{name}: expected {expected}, got {value}");
            }
        }
        Check(Steps >= 1, "steps", "an integer >= 1", Steps);
        Check(Width >= 1 && Width <= 4096, "width", "1..4096", Width);
        Check(Depth >= 1 && Depth <= 64, "depth", "1..64", Depth);
        Check(LearningRate > 0 && LearningRate < 1, "learningRate", "a number in (0, 1)", LearningRate);
        Check(DecayRate > 0 && DecayRate <= 1, "decayRate", "a number in (0, 1]", DecayRate);
        Check(Batch >= 1, "batch", "an integer >= 1", Batch);
        Check(BoundaryBatch >= 1, "boundaryBatch", "an integer >= 1", BoundaryBatch);
        Check(PinnBoundaryWeight >= 0, "pinnBoundaryWeight", "a number >= 0", PinnBoundaryWeight);
        Check(WosBoundaryWeight >= 0, "wosBoundaryWeight", "a number >= 0", WosBoundaryWeight);
        Check(Pool >= 1, "pool", "an integer >= 1", Pool);
        Check(WalksPerRefresh >= 1, "walksPerRefresh", "an integer >= 1", WalksPerRefresh);
        Check(RefreshEvery >= 1, "refreshEvery", "an integer >= 1", RefreshEvery);
        Check(RelativeEpsilon > 0 && RelativeEpsilon < 0.1, "relativeEpsilon", "a number in (0, 0.1)", RelativeEpsilon);
        Check(Threads >= 0, "threads", "an integer >= 0 (0 = all cores)", Threads);
    }
}
