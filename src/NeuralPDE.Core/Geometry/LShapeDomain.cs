namespace NeuralPDE.Core.Geometry;

/// <summary>
/// The L-shaped domain (−1, 1)² minus the closed upper-right quadrant [0, 1)², i.e. three unit squares with a
/// re-entrant corner of angle 3π/2 at the origin (where solutions behave like r^{2/3} sin(2θ/3)).
/// Distance and crossings are exact: the closure is the union of [−1, 1]×[−1, 0] and [−1, 0]×[−1, 1].
/// </summary>
public sealed class LShapeDomain : IDomain2D
{
    private static readonly BoundingBox Box = new(-1, 1, -1, 1);
    private static readonly BoundingBox Lower = new(-1, 1, -1, 0);
    private static readonly BoundingBox Left = new(-1, 0, -1, 1);
    private static readonly BoundingBox Notch = new(0, 1, 0, 1);

    public static LShapeDomain Instance { get; } = new();

    public string Name => "lshape([-1,1]^2 \\ (0,1]^2)";

    public BoundingBox Bounds => Box;

    public bool Contains(double x, double y)
        => x > -1 && x < 1 && y > -1 && y < 1 && !(x >= 0 && y >= 0);

    public double SignedDistance(double x, double y)
    {
        if (Contains(x, y))
        {
            // Nearest boundary point is on the outer square or on the notch's two re-entrant edges.
            double toBox = -BoxDomain.SignedDistance(Box, x, y);
            double toNotch = BoxDomain.DistanceTo(Notch, x, y);
            return -Math.Min(toBox, toNotch);
        }
        return Math.Min(BoxDomain.DistanceTo(Lower, x, y), BoxDomain.DistanceTo(Left, x, y));
    }

    public (double X, double Y) NearestBoundaryPoint(double x, double y)
    {
        if (Contains(x, y))
        {
            var outer = BoxDomain.NearestBoundaryPoint(Box, x, y);
            var notch = (X: Math.Clamp(x, 0, 1), Y: Math.Clamp(y, 0, 1));
            double dOuter = Sq(x - outer.X) + Sq(y - outer.Y), dNotch = Sq(x - notch.X) + Sq(y - notch.Y);
            return dOuter <= dNotch ? outer : notch;
        }
        // Outside (or on ∂Ω): the closest point of the closure, which lies on ∂Ω.
        var lower = (X: Math.Clamp(x, -1, 1), Y: Math.Clamp(y, -1, 0));
        var left = (X: Math.Clamp(x, -1, 0), Y: Math.Clamp(y, -1, 1));
        return Sq(x - lower.X) + Sq(y - lower.Y) <= Sq(x - left.X) + Sq(y - left.Y) ? lower : left;
    }

    private static double Sq(double v) => v * v;

    public double BoundaryCrossing(double ax, double ay, double bx, double by)
    {
        double t = BoxDomain.Crossing(Box, ax, ay, bx, by);
        // Entry into the notch {x >= 0, y >= 0}: intersect the parameter intervals where each holds.
        (double lo, double hi) ix = HalfLine(ax, bx);
        (double lo, double hi) iy = HalfLine(ay, by);
        double lo = Math.Max(ix.lo, iy.lo), hi = Math.Min(ix.hi, iy.hi);
        if (lo <= hi && lo < t)
        {
            t = lo;
        }
        return t;
    }

    /// <summary>The interval of t ∈ [0, 1] where a + t (b − a) >= 0 (empty as (1, 0)... encoded lo > hi).</summary>
    private static (double Lo, double Hi) HalfLine(double a, double b)
    {
        if (a >= 0 && b >= 0)
        {
            return (0, 1);
        }
        if (a < 0 && b < 0)
        {
            return (2, -1);
        }
        double s = -a / (b - a);
        return a < 0 ? (s, 1) : (0, s);
    }
}
