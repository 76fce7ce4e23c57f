namespace NeuralPDE.Core.Geometry;

/// <summary>
/// A star-shaped domain in polar form about a centre c:
/// Ω = { c + ρ (cos θ, sin θ) : 0 ≤ ρ &lt; r(θ) }, r(θ) = r0 (1 + c1 cos 4θ + c2 cos 8θ), which needs r(θ) &gt; 0
/// for all θ. Boundary crossings along a segment are found by bracketing and bisection on
/// ρ(t) − r(θ(t)) (exact to rounding); the distance to the boundary minimises |p − B(θ)| over θ by branch and
/// bound: 512 samples B_k with precomputed arc lengths L_k give the bound |p − C| ≥ (d_k + d_{k+1} − L_k)/2 on
/// each arc, and only arcs that could hold the minimum are refined (Newton on the stationarity condition where it
/// changes sign within the arc), so the result is the true Euclidean distance to rounding, not the polar
/// approximation |ρ − r(θ)| (a minimum hidden between two sign changes inside one half arc of 0.006 rad, possible
/// only next to the evolute, is missed by at most the tiny variation of the distance over that half arc).
/// </summary>
public sealed class StarDomain : IDomain2D
{
    private const int Samples = 512;
    private const int SubSamples = 16;
    private readonly double[] _bx = new double[Samples];
    private readonly double[] _by = new double[Samples];
    private readonly double[] _arcLength = new double[Samples];
    private readonly double _maxSecondDerivative;

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
        double rMax = 0;
        double dTheta = 2 * Math.PI / Samples;
        for (int k = 0; k < Samples; k++)
        {
            double th = k * dTheta;
            double r = Radius(th);
            rMax = Math.Max(rMax, r);
            _bx[k] = centerX + r * Math.Cos(th);
            _by[k] = centerY + r * Math.Sin(th);
            // Arc length by a fine polygon, padded by 2 % (the polygon underestimates by O(1/SubSamples²)).
            double length = 0, px = r * Math.Cos(th), py = r * Math.Sin(th);
            for (int m = 1; m <= SubSamples; m++)
            {
                double t = th + dTheta * m / SubSamples, rt = Radius(t);
                double qx = rt * Math.Cos(t), qy = rt * Math.Sin(t);
                length += Math.Sqrt(Sq(qx - px) + Sq(qy - py));
                px = qx;
                py = qy;
            }
            _arcLength[k] = 1.02 * length;
        }
        MaxRadius = rMax;
        _maxSecondDerivative = r0 * (16 * Math.Abs(c1) + 64 * Math.Abs(c2));
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
        // Branch and bound over the arcs between consecutive samples B_k, B_{k+1}: a point C at arc length s from
        // B_k on an arc of length L_k has |p − C| ≥ max(d_k − s, d_{k+1} − (L_k − s)) ≥ (d_k + d_{k+1} − L_k) / 2.
        // On an arc that could hold the minimum, an interior minimum is where g(θ) = (B(θ) − p)·B'(θ) changes sign
        // from − to +; it is found by safeguarded Newton. Otherwise the arc's minimum is at a sampled end.
        Span<double> d = stackalloc double[Samples];
        double best = double.PositiveInfinity;
        for (int k = 0; k < Samples; k++)
        {
            d[k] = Math.Sqrt(Sq(x - _bx[k]) + Sq(y - _by[k]));
            best = Math.Min(best, d[k]);
        }
        double dTheta = 2 * Math.PI / Samples;
        for (int k = 0; k < Samples; k++)
        {
            int k1 = k + 1 == Samples ? 0 : k + 1;
            if ((d[k] + d[k1] - _arcLength[k]) / 2 >= best)
            {
                continue;
            }
            double a = k * dTheta, b = a + dTheta, m = a + dTheta / 2;
            double ga = Stationarity(x, y, a, out _), gm = Stationarity(x, y, m, out _), gb = Stationarity(x, y, b, out _);
            if (ga < 0 && gm > 0)
            {
                best = Math.Min(best, NewtonMinimum(x, y, a, m));
            }
            if (gm < 0 && gb > 0)
            {
                best = Math.Min(best, NewtonMinimum(x, y, m, b));
            }
            best = Math.Min(best, Math.Sqrt(BoundaryDistanceSquared(x, y, m)));
        }
        double gap = PolarGap(x, y);
        return gap < 0 ? -best : gap > 0 ? best : 0;
    }

    /// <summary>g(θ) = (B(θ) − p)·B'(θ) (half the derivative of |p − B(θ)|²) and its derivative g'.</summary>
    private double Stationarity(double x, double y, double theta, out double derivative)
    {
        double c = Math.Cos(theta), s = Math.Sin(theta);
        double c4 = Math.Cos(4 * theta), s4 = Math.Sin(4 * theta), c8 = Math.Cos(8 * theta), s8 = Math.Sin(8 * theta);
        double r = R0 * (1 + C1 * c4 + C2 * c8);
        double r1 = R0 * (-4 * C1 * s4 - 8 * C2 * s8);
        double r2 = R0 * (-16 * C1 * c4 - 64 * C2 * c8);
        double ex = CenterX + r * c - x, ey = CenterY + r * s - y;
        double t1x = r1 * c - r * s, t1y = r1 * s + r * c;
        double t2x = r2 * c - 2 * r1 * s - r * c, t2y = r2 * s + 2 * r1 * c - r * s;
        derivative = t1x * t1x + t1y * t1y + ex * t2x + ey * t2y;
        return ex * t1x + ey * t1y;
    }

    /// <summary>Distance at the root of g in [lo, hi] (g(lo) &lt; 0 &lt; g(hi)): Newton safeguarded by bisection.</summary>
    private double NewtonMinimum(double x, double y, double lo, double hi)
    {
        double theta = 0.5 * (lo + hi);
        for (int it = 0; it < 60; it++)
        {
            double g = Stationarity(x, y, theta, out double dg);
            if (g == 0)
            {
                break;
            }
            if (g < 0)
            {
                lo = theta;
            }
            else
            {
                hi = theta;
            }
            double next = dg > 0 ? theta - g / dg : double.NaN;
            if (!(next > lo && next < hi))
            {
                next = 0.5 * (lo + hi);
            }
            bool done = Math.Abs(next - theta) <= 1e-15 * (1 + Math.Abs(theta));
            theta = next;
            if (done || hi - lo <= 1e-15)
            {
                break;
            }
        }
        return Math.Sqrt(BoundaryDistanceSquared(x, y, theta));
    }

    /// <summary>
    /// A cheap lower bound on the distance to ∂Ω (walk-on-spheres calls this at every step; the exact
    /// <see cref="SignedDistance"/> costs hundreds of square roots). With F = ρ − r(θ), |∇F|² = 1 + r'(θ)²/ρ²; on the
    /// ball of radius δ ≤ g = r(θ_p) − ρ_p about p, ρ ≥ ρ_p − g and |θ − θ_p| ≤ α = asin(g/ρ_p), so
    /// |r'| ≤ |r'(θ_p)| + α max|r''| and δ = g / √(1 + M²/(ρ_p − g)²) keeps F &lt; 0 on the ball. As g → 0 this tends to
    /// g cos ψ (ψ the angle between the radial and normal directions): the exact distance to first order. The
    /// inscribed disk ρ &lt; min r gives a second bound; where neither applies (deep inside, near the centre) the exact
    /// distance is used.
    /// </summary>
    public double InteriorRadius(double x, double y)
    {
        double dx = x - CenterX, dy = y - CenterY;
        double rho = Math.Sqrt(dx * dx + dy * dy);
        if (rho == 0)
        {
            return MinRadius;
        }
        double c = dx / rho, s = dy / rho;
        double c2t = c * c - s * s, s2t = 2 * s * c;
        double c4t = c2t * c2t - s2t * s2t, s4t = 2 * s2t * c2t;
        double c8t = c4t * c4t - s4t * s4t, s8t = 2 * s4t * c4t;
        double gap = R0 * (1 + C1 * c4t + C2 * c8t) - rho;
        if (!(gap > 0))
        {
            return 0;
        }
        double best = MinRadius - rho;
        if (rho > gap)
        {
            double r1 = R0 * (-4 * C1 * s4t - 8 * C2 * s8t);
            double m = Math.Abs(r1) + _maxSecondDerivative * Math.Asin(gap / rho);
            double rhoMin = rho - gap;
            best = Math.Max(best, gap / Math.Sqrt(1 + m * m / (rhoMin * rhoMin)));
        }
        return best > 0 ? best : Math.Max(0, -SignedDistance(x, y));
    }

    /// <summary>
    /// Inside, <see cref="InteriorRadius"/>. Outside, with g = ρ_p − r(θ_p) &gt; 0 and F = ρ − r(θ): on the ball of
    /// radius δ ≤ ρ_p/2 about p, ρ ≥ ρ_p/2 and |∇F| ≤ L = √(1 + M₁²/(ρ_p/2)²), M₁ = max|r'| = r0 (4|c1| + 8|c2|), so
    /// F ≥ g − L δ &gt; 0 for δ &lt; g/L: the ball holds no boundary point. A few flops against the hundreds of square
    /// roots of <see cref="SignedDistance"/>.
    /// </summary>
    public double DistanceLowerBound(double x, double y)
    {
        double gap = -PolarGap(x, y);
        if (gap > 0)
        {
            return InteriorRadius(x, y);
        }
        double outside = -gap;
        double rho = Math.Sqrt(Sq(x - CenterX) + Sq(y - CenterY));
        double m1 = R0 * (4 * Math.Abs(C1) + 8 * Math.Abs(C2));
        double lipschitz = Math.Sqrt(1 + Sq(m1 / (0.5 * rho)));
        return Math.Min(outside / lipschitz, 0.5 * rho);
    }

    /// <summary>The radial projection c + r(θ) (cos θ, sin θ) of the point: on ∂Ω at distance |ρ − r(θ)|, which is
    /// at most √(1 + max r'²/min r²) times the true distance near ∂Ω (the problem's g is a function of θ anyway).</summary>
    public (double X, double Y) NearestBoundaryPoint(double x, double y)
    {
        double dx = x - CenterX, dy = y - CenterY;
        double theta = dx == 0 && dy == 0 ? 0 : Math.Atan2(dy, dx);
        double r = Radius(theta);
        return (CenterX + r * Math.Cos(theta), CenterY + r * Math.Sin(theta));
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
