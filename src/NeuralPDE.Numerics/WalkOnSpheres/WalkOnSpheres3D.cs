using System.Diagnostics;
using NeuralPDE.Core.Geometry;
using NeuralPDE.Core.Random;

namespace NeuralPDE.Numerics.WalkOnSpheres;

/// <summary>
/// Walk-on-spheres for −Δu = f in Ω ⊂ R³, u = g on ∂Ω: as <see cref="WalkOnSpheres2D"/> with uniform jumps on spheres
/// and the source term r_k²/6 · f(Y_k), Y_k drawn from the 3-D ball's Green's function (<see cref="BallGreenFunction"/>).
/// </summary>
public sealed class WalkOnSpheres3D
{
    private readonly IDomain3D _domain;
    private readonly Func<double, double, double, double> _boundary;
    private readonly Func<double, double, double, double>? _source;

    public WalkOnSpheres3D(IDomain3D domain, Func<double, double, double, double> boundary, Func<double, double, double, double>? source = null)
    {
        _domain = domain ?? throw new ArgumentNullException(nameof(domain));
        _boundary = boundary ?? throw new ArgumentNullException(nameof(boundary));
        _source = source;
    }

    public WosEstimate Estimate(double x, double y, double z, WosSettings settings, long index = 0)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        CheckInside(x, y, z, index);
        return EstimatePoint(x, y, z, settings, index);
    }

    public WosBatch Estimate(IReadOnlyList<(double X, double Y, double Z)> points, WosSettings settings, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        for (int k = 0; k < points.Count; k++)
        {
            CheckInside(points[k].X, points[k].Y, points[k].Z, k);
        }
        var estimates = new WosEstimate[points.Count];
        var clock = Stopwatch.StartNew();
        var options = settings.ParallelOptions();
        options.CancellationToken = cancellation;
        Parallel.For(0, points.Count, options, k => estimates[k] = EstimatePoint(points[k].X, points[k].Y, points[k].Z, settings, k));
        return new WosBatch(estimates, clock.Elapsed.TotalSeconds);
    }

    private void CheckInside(double x, double y, double z, long index)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y) || !double.IsFinite(z) || !_domain.Contains(x, y, z))
        {
            throw new ArgumentException(FormattableString.Invariant($"walk-on-spheres: point {index} ({x}, {y}, {z}) is not inside the domain {_domain.Name}"));
        }
    }

    private WosEstimate EstimatePoint(double x, double y, double z, WosSettings s, long index)
    {
        Xoshiro256StarStar rng = WalkSeeds.Generator(s.Seed, s.Round, index);
        double sum = 0, sumSquares = 0;
        long steps = 0;
        int truncated = 0;
        for (int w = 0; w < s.Walks; w++)
        {
            double v = Walk(x, y, z, s, rng, ref steps, ref truncated);
            sum += v;
            sumSquares += v * v;
        }
        return WosEstimate.FromSums(sum, sumSquares, s.Walks, steps, truncated);
    }

    private double Walk(double x, double y, double z, WosSettings s, Xoshiro256StarStar rng, ref long steps, ref int truncated)
    {
        double value = 0, weight = 1;
        for (int step = 0; ; step++)
        {
            double r = _domain.InteriorRadius(x, y, z);
            if (r <= s.Epsilon || step >= s.MaxSteps)
            {
                if (r > s.Epsilon)
                {
                    truncated++;
                }
                var (bx, by, bz) = _domain.NearestBoundaryPoint(x, y, z);
                return value + weight * _boundary(bx, by, bz);
            }
            steps++;
            if (_source is not null)
            {
                double rho = r * BallGreenFunction.SampleRadiusFraction3D(rng);
                var (ux, uy, uz) = UnitVector(rng);
                value += weight * BallGreenFunction.Integral3D(r) * _source(x + rho * ux, y + rho * uy, z + rho * uz);
            }
            var (dx, dy, dz) = UnitVector(rng);
            x += r * dx;
            y += r * dy;
            z += r * dz;
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

    /// <summary>Uniform on the unit sphere (Archimedes: z uniform in [−1, 1], azimuth uniform).</summary>
    private static (double X, double Y, double Z) UnitVector(Xoshiro256StarStar rng)
    {
        double z = 2 * rng.NextDouble() - 1;
        double phi = 2 * Math.PI * rng.NextDouble();
        double rxy = Math.Sqrt(Math.Max(0, 1 - z * z));
        return (rxy * Math.Cos(phi), rxy * Math.Sin(phi), z);
    }
}
