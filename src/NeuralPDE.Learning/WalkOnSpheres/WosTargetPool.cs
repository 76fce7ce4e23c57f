using NeuralPDE.Core.Geometry;
using NeuralPDE.Core.Random;
using NeuralPDE.Numerics.WalkOnSpheres;

namespace NeuralPDE.Learning.WalkOnSpheres;

/// <summary>
/// Walk-on-spheres training targets at a fixed set of interior points, refined by a running mean: every
/// <see cref="Refresh"/> draws fresh walks at each point (an independent round of seeds) and merges them with all
/// earlier walks, so the targets are cheap and noisy at first and their standard error falls as (total walks)^{−1/2}.
/// No solver data and no derivatives. Build it on grid nodes (<see cref="OnGrid"/>, for a neural operator: also gives
/// the node mask) or on random interior points (<see cref="RandomInterior"/>, for a pointwise network).
/// </summary>
public sealed class WosTargetPool
{
    private readonly WalkOnSpheres2D _wos;
    private readonly double[] _sum;
    private readonly double[] _sumSquares;
    private long _round;

    public WosTargetPool(WalkOnSpheres2D wos, IReadOnlyList<(double X, double Y)> points, WosSettings settings)
    {
        _wos = wos ?? throw new ArgumentNullException(nameof(wos));
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (points.Count == 0)
        {
            throw new ArgumentException("walk-on-spheres target pool needs at least one interior point");
        }
        Points = points.ToArray();
        Settings = settings;
        _sum = new double[Points.Length];
        _sumSquares = new double[Points.Length];
    }

    /// <summary>The interior points, in a fixed order.</summary>
    public (double X, double Y)[] Points { get; }

    /// <summary>Settings of each refresh (<see cref="WosSettings.Walks"/> walks per point; the round is set per refresh).</summary>
    public WosSettings Settings { get; }

    /// <summary>Walks merged so far at each point.</summary>
    public long WalksPerPoint { get; private set; }

    /// <summary>Total seconds spent walking.</summary>
    public double WalkSeconds { get; private set; }

    /// <summary>Total walks and steps drawn.</summary>
    public long TotalWalks { get; private set; }

    public long TotalSteps { get; private set; }

    /// <summary>Running means (0 before the first refresh).</summary>
    public double[] Means() => _sum.Select(s => WalksPerPoint == 0 ? 0 : s / WalksPerPoint).ToArray();

    /// <summary>Standard errors of the running means.</summary>
    public double[] StandardErrors()
    {
        long n = WalksPerPoint;
        var se = new double[_sum.Length];
        for (int k = 0; k < se.Length && n > 1; k++)
        {
            double mean = _sum[k] / n;
            se[k] = Math.Sqrt(Math.Max(0, (_sumSquares[k] - n * mean * mean) / (n - 1)) / n);
        }
        return se;
    }

    /// <summary>Draws <see cref="WosSettings.Walks"/> new walks at every point (next round of seeds) and merges them.</summary>
    public void Refresh(CancellationToken cancellation = default)
    {
        var batch = _wos.Estimate(Points, Settings with { Round = Settings.Round + _round }, cancellation);
        _round++;
        int w = Settings.Walks;
        for (int k = 0; k < Points.Length; k++)
        {
            var e = batch.Estimates[k];
            _sum[k] += e.Mean * w;
            // Σ v² = (w − 1) s² + w mean², with s² = w SE².
            _sumSquares[k] += (w - 1) * e.StandardError * e.StandardError * w + w * e.Mean * e.Mean;
        }
        WalksPerPoint += w;
        WalkSeconds += batch.Seconds;
        TotalWalks += batch.TotalWalks;
        TotalSteps += batch.TotalSteps;
    }

    /// <summary>The pool's whole state (sums, round counter, totals), so that a resumed run draws the same walks next.</summary>
    public WosTargetPoolState Save() => new((double[])_sum.Clone(), (double[])_sumSquares.Clone(), _round, WalksPerPoint,
        WalkSeconds, TotalWalks, TotalSteps);

    /// <summary>Restores a state from <see cref="Save"/> of a pool on the same points.</summary>
    public void Restore(WosTargetPoolState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Sum.Length != _sum.Length || state.SumSquares.Length != _sum.Length)
        {
            throw new InvalidDataException($"walk-on-spheres targets: the saved state has {state.Sum.Length} points, the pool has {_sum.Length}");
        }
        if (state.Round < 0 || state.WalksPerPoint != state.Round * Settings.Walks)
        {
            throw new InvalidDataException($"walk-on-spheres targets: the saved state has {state.WalksPerPoint} walks per point after {state.Round} rounds, expected {Settings.Walks} walks per round");
        }
        Array.Copy(state.Sum, _sum, _sum.Length);
        Array.Copy(state.SumSquares, _sumSquares, _sum.Length);
        _round = state.Round;
        WalksPerPoint = state.WalksPerPoint;
        WalkSeconds = state.WalkSeconds;
        TotalWalks = state.TotalWalks;
        TotalSteps = state.TotalSteps;
    }

    /// <summary>The interior nodes of a grid (row-major order) and the grid's 0/1 interior mask.</summary>
    public static (List<(double X, double Y)> Points, double[] Mask) OnGrid(IDomain2D domain, NodeGrid2D grid)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(grid);
        var points = new List<(double X, double Y)>();
        var mask = new double[grid.Count];
        for (int i = 0; i < grid.NX; i++)
        {
            for (int j = 0; j < grid.NY; j++)
            {
                double x = grid.X(i), y = grid.Y(j);
                if (domain.Contains(x, y))
                {
                    mask[grid.Index(i, j)] = 1;
                    points.Add((x, y));
                }
            }
        }
        return (points, mask);
    }

    /// <summary>Uniform random interior points (rejection from the bounding box, seeded).</summary>
    public static List<(double X, double Y)> RandomInterior(IDomain2D domain, int count, long seed)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var rng = Xoshiro256StarStar.ForStream(seed, 7);
        var b = domain.Bounds;
        var points = new List<(double X, double Y)>(count);
        while (points.Count < count)
        {
            double x = b.XMin + b.Width * rng.NextDouble(), y = b.YMin + b.Height * rng.NextDouble();
            if (domain.Contains(x, y))
            {
                points.Add((x, y));
            }
        }
        return points;
    }
}
