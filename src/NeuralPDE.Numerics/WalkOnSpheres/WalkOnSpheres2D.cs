using System.Diagnostics;
using NeuralPDE.Core.Geometry;
using NeuralPDE.Core.Random;

namespace NeuralPDE.Numerics.WalkOnSpheres;

/// <summary>
/// Walk-on-spheres (Muller 1956) for −Δu = f in Ω ⊂ R², u = g on ∂Ω: from x₀, repeatedly jump to a uniform point on
/// the largest empty circle about x_k (radius r_k = <see cref="IDomain2D.InteriorRadius"/>), adding r_k²/4 · f(Y_k)
/// with Y_k drawn from the ball's Green's function (<see cref="BallGreenFunction"/>), until r_k ≤ ε; then add g at a
/// boundary point next to x_k. The walk's value is an unbiased estimate of u(x₀) up to the O(ε) shell bias.
/// No mesh, no derivatives; points are independent, estimated in parallel with per-point seeds
/// (<see cref="WalkSeeds"/>), so results are identical for any thread count.
/// </summary>
public sealed class WalkOnSpheres2D
{
    private readonly IDomain2D _domain;
    private readonly Func<double, double, double> _boundary;
    private readonly Func<double, double, double>? _source;

    /// <param name="domain">Ω.</param>
    /// <param name="boundary">g, evaluated at <see cref="IDomain2D.NearestBoundaryPoint"/> of the last walk position.</param>
    /// <param name="source">f, or null for Laplace's equation.</param>
    public WalkOnSpheres2D(IDomain2D domain, Func<double, double, double> boundary, Func<double, double, double>? source = null)
    {
        _domain = domain ?? throw new ArgumentNullException(nameof(domain));
        _boundary = boundary ?? throw new ArgumentNullException(nameof(boundary));
        _source = source;
    }

    public IDomain2D Domain => _domain;

    /// <summary>The estimate at one point, with the generator of point <paramref name="index"/>.</summary>
    public WosEstimate Estimate(double x, double y, WosSettings settings, long index = 0)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        CheckInside(x, y, index);
        return EstimatePoint(x, y, settings, index);
    }

    /// <summary>Estimates at every point (all must lie in Ω), in parallel.</summary>
    public WosBatch Estimate(IReadOnlyList<(double X, double Y)> points, WosSettings settings, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        for (int k = 0; k < points.Count; k++)
        {
            CheckInside(points[k].X, points[k].Y, k);
        }
        var estimates = new WosEstimate[points.Count];
        var clock = Stopwatch.StartNew();
        var options = settings.ParallelOptions();
        options.CancellationToken = cancellation;
        Parallel.For(0, points.Count, options, k => estimates[k] = EstimatePoint(points[k].X, points[k].Y, settings, k));
        return new WosBatch(estimates, clock.Elapsed.TotalSeconds);
    }

    private void CheckInside(double x, double y, long index)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y) || !_domain.Contains(x, y))
        {
            throw new ArgumentException(FormattableString.Invariant($"walk-on-spheres: point {index} ({x}, {y}) is not inside the domain {_domain.Name}"));
        }
    }

    private WosEstimate EstimatePoint(double x, double y, WosSettings s, long index)
    {
        Xoshiro256StarStar rng = WalkSeeds.Generator(s.Seed, s.Round, index);
        double sum = 0, sumSquares = 0;
        long steps = 0;
        int truncated = 0;
        for (int w = 0; w < s.Walks; w++)
        {
            double v = Walk(x, y, s, rng, ref steps, ref truncated);
            sum += v;
            sumSquares += v * v;
        }
        return WosEstimate.FromSums(sum, sumSquares, s.Walks, steps, truncated);
    }

    /// <summary>One walk from (x, y); returns its value.</summary>
    private double Walk(double x, double y, WosSettings s, Xoshiro256StarStar rng, ref long steps, ref int truncated)
    {
        double value = 0, weight = 1;
        for (int step = 0; ; step++)
        {
            double r = _domain.InteriorRadius(x, y);
            if (r <= s.Epsilon || step >= s.MaxSteps)
            {
                if (r > s.Epsilon)
                {
                    truncated++;
                }
                var (bx, by) = _domain.NearestBoundaryPoint(x, y);
                return value + weight * _boundary(bx, by);
            }
            steps++;
            if (_source is not null)
            {
                double rho = r * BallGreenFunction.SampleRadiusFraction2D(rng);
                double phi = 2 * Math.PI * rng.NextDouble();
                value += weight * BallGreenFunction.Integral2D(r) * _source(x + rho * Math.Cos(phi), y + rho * Math.Sin(phi));
            }
            double angle = 2 * Math.PI * rng.NextDouble();
            x += r * Math.Cos(angle);
            y += r * Math.Sin(angle);
            if (s.RouletteStart > 0 && step + 1 >= s.RouletteStart)
            {
                if (rng.NextDouble() >= s.RouletteSurvival)
                {
                    return value;
                }
                weight /= s.RouletteSurvival;
            }
        }
    }
}
