namespace NeuralPDE.Core.Geometry;

/// <summary>
/// A star-shaped domain in polar form about a centre c:
/// Ω = { c + ρ (cos θ, sin θ) : 0 ≤ ρ &lt; r(θ) }, r(θ) = r0 (1 + c1 cos 4θ + c2 cos 8θ), which needs r(θ) &gt; 0
/// for all θ. Boundary crossings along a segment are found by bracketing and bisection on
/// ρ(t) − r(θ(t)) (exact to rounding); the distance to the boundary minimises |p − B(θ)| over θ: a dense
/// sampling of the curve gives candidates, each refined by golden-section search, so the result is the true
/// Euclidean distance to rounding, not the polar approximation |ρ − r(θ)|.
/// </summary>
public sealed class StarDomain : IDomain2D
{
    private const int Samples = 2048;
    private readonly double[] _bx = new double[Samples];
    private readonly double[] _by = new double[Samples];
    private readonly double _spacing;

    public StarDomain(double r0, double c1, double c2, double centerX = 0, double centerY = 0)
    {
        if (!(r0 > 0) || !double.IsFinite(r0))
        {
            throw new ArgumentException($"star domain: r0 must be a positive finite number, got {r0}", nameof(r0));
        }
        R0 = r0;
        C1 = c1;
        C2 = c2;
        CenterX = centerX;
        CenterY = centerY;
        MinRadius = MinimumRadius(r0, c1, c2);
        if (!(MinRadius > 0))
        {
            throw new ArgumentException(FormattableString.Invariant($"star domain: r(θ) = r0 (1 + c1 cos 4θ + c2 cos 8θ) must stay positive, but its minimum is {MinRadius:G6} (r0={r0}, c1={c1}, c2={c2})"), nameof(c1));
        }
        double rMax = 0, spacing = 0;
        for (int k = 0; k < Samples; k++)
        {
            double th = 2 * Math.PI * k / Samples;
            double r = Radius(th);
            rMax = Math.Max(rMax, r);
            _bx[k] = centerX + r * Math.Cos(th);
            _by[k] = centerY + r * Math.Sin(th);
        }
        for (int k = 0; k < Samples; k++)
        {
            int k1 = (k + 1) % Samples;
            spacing = Math.Max(spacing, Math.Sqrt(Sq(_bx[k1] - _bx[k]) + Sq(_by[k1] - _by[k])));
        }
        _spacing = spacing;
        MaxRadius = rMax;
        // rMax from samples can undershoot the true maximum slightly; pad the box.
        double pad = rMax * 1e-3;
        Bounds = new BoundingBox(centerX - rMax - pad, centerX + rMax + pad, centerY - rMax - pad, centerY + rMax + pad);
    }

    public double R0 { get; }

    public double C1 { get; }

    public double C2 { get; }

    public double CenterX { get; }

    public double CenterY { get; }

    /// <summary>min over θ of r(θ) (positive for a valid domain).</summary>
    public double MinRadius { get; }

    /// <summary>max over the sampled θ of r(θ).</summary>
    public double MaxRadius { get; }

    public string Name => FormattableString.Invariant($"star(r0={R0}, c1={C1}, c2={C2}, c=({CenterX}, {CenterY}))");

    public BoundingBox Bounds { get; }

    /// <summary>r(θ) = r0 (1 + c1 cos 4θ + c2 cos 8θ).</summary>
    public double Radius(double theta) => R0 * (1 + C1 * Math.Cos(4 * theta) + C2 * Math.Cos(8 * theta));

    /// <summary>The minimum of r(θ) over θ (dense sampling plus golden-section refinement).</summary>
    public static double MinimumRadius(double r0, double c1, double c2)
    {
        double F(double th) => r0 * (1 + c1 * Math.Cos(4 * th) + c2 * Math.Cos(8 * th));
        // r has period π/2; sample one period densely, then refine the best sample.
        const int n = 512;
        double step = 0.5 * Math.PI / n;
        int best = 0;
        double bestValue = double.PositiveInfinity;
        for (int k = 0; k < n; k++)
        {
            double v = F(k * step);
            if (v < bestValue)
            {
                bestValue = v;
                best = k;
            }
        }
        double th0 = GoldenMinimum(F, (best - 1) * step, (best + 1) * step);
        return Math.Min(bestValue, F(th0));
    }

    public bool Contains(double x, double y) => PolarGap(x, y) < 0;

    public double SignedDistance(double x, double y)
    {
        // Candidates: sampled local minima of the distance whose value is within one sample spacing of the best.
        double best = double.PositiveInfinity;
        Span<double> d2 = stackalloc double[Samples];
        for (int k = 0; k < Samples; k++)
        {
            d2[k] = Sq(x - _bx[k]) + Sq(y - _by[k]);
            best = Math.Min(best, d2[k]);
        }
        double cutoff = Sq(Math.Sqrt(best) + _spacing);
        double dist = Math.Sqrt(best);
        double dTheta = 2 * Math.PI / Samples;
        for (int k = 0; k < Samples; k++)
        {
            double prev = d2[(k + Samples - 1) % Samples], next = d2[(k + 1) % Samples];
            if (d2[k] <= cutoff && d2[k] <= prev && d2[k] <= next)
            {
                double th0 = k * dTheta;
                double th = GoldenMinimum(t => BoundaryDistanceSquared(x, y, t), th0 - dTheta, th0 + dTheta);
                dist = Math.Min(dist, Math.Sqrt(BoundaryDistanceSquared(x, y, th)));
            }
        }
        double gap = PolarGap(x, y);
        return gap < 0 ? -dist : gap > 0 ? dist : 0;
    }

    public double BoundaryCrossing(double ax, double ay, double bx, double by)
    {
        double G(double t) => PolarGap(ax + t * (bx - ax), ay + t * (by - ay));
        if (G(1) < 0)
        {
            // b is inside; a segment short compared with the boundary's curvature radius does not leave and re-enter,
            // but check a few interior points to be safe.
            bool leaves = false;
            for (int k = 1; k < 8 && !leaves; k++)
            {
                leaves = G(k / 8.0) >= 0;
            }
            if (!leaves)
            {
                return 1;
            }
        }
        // Bracket the first sign change on a coarse subdivision, then bisect to rounding.
        const int pieces = 8;
        double lo = 0, hi = 1;
        for (int k = 1; k <= pieces; k++)
        {
            double t = (double)k / pieces;
            if (G(t) >= 0)
            {
                hi = t;
                lo = (k - 1.0) / pieces;
                break;
            }
        }
        for (int it = 0; it < 100 && hi - lo > 1e-16; it++)
        {
            double mid = 0.5 * (lo + hi);
            if (G(mid) >= 0)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }
        return hi;
    }

    /// <summary>ρ − r(θ) for the point in polar coordinates about the centre (negative inside).</summary>
    private double PolarGap(double x, double y)
    {
        double dx = x - CenterX, dy = y - CenterY;
        double rho = Math.Sqrt(dx * dx + dy * dy);
        if (rho == 0)
        {
            return -MinRadius;
        }
        // cos 4θ and cos 8θ from cos θ, sin θ without atan2.
        double c = dx / rho, s = dy / rho;
        double c2t = c * c - s * s, s2t = 2 * s * c;
        double c4t = c2t * c2t - s2t * s2t;
        double c8t = 2 * c4t * c4t - 1;
        return rho - R0 * (1 + C1 * c4t + C2 * c8t);
    }

    private double BoundaryDistanceSquared(double x, double y, double theta)
    {
        double r = Radius(theta);
        return Sq(x - CenterX - r * Math.Cos(theta)) + Sq(y - CenterY - r * Math.Sin(theta));
    }

    /// <summary>Golden-section search for a minimum of a unimodal function on [a, b].</summary>
    private static double GoldenMinimum(Func<double, double> f, double a, double b)
    {
        double invPhi = (Math.Sqrt(5) - 1) / 2;
        double c = b - invPhi * (b - a), d = a + invPhi * (b - a);
        double fc = f(c), fd = f(d);
        for (int it = 0; it < 80 && b - a > 1e-15; it++)
        {
            if (fc < fd)
            {
                b = d;
                d = c;
                fd = fc;
                c = b - invPhi * (b - a);
                fc = f(c);
            }
            else
            {
                a = c;
                c = d;
                fc = fd;
                d = a + invPhi * (b - a);
                fd = f(d);
            }
        }
        return 0.5 * (a + b);
    }

    private static double Sq(double v) => v * v;
}
