namespace NeuralPDE.Core.Geometry;

/// <summary>The open rectangle (XMin, XMax) x (YMin, YMax); <see cref="UnitSquare"/> is (0, 1)².</summary>
public sealed class BoxDomain : IDomain2D
{
    public BoxDomain(double xMin, double xMax, double yMin, double yMax)
    {
        if (!(xMax > xMin) || !(yMax > yMin))
        {
            throw new ArgumentException($"box needs xMin < xMax and yMin < yMax, got [{xMin}, {xMax}] x [{yMin}, {yMax}]");
        }
        Bounds = new BoundingBox(xMin, xMax, yMin, yMax);
    }

    public static BoxDomain UnitSquare { get; } = new(0, 1, 0, 1);

    public string Name => FormattableString.Invariant($"box([{Bounds.XMin}, {Bounds.XMax}] x [{Bounds.YMin}, {Bounds.YMax}])");

    public BoundingBox Bounds { get; }

    public bool Contains(double x, double y)
        => x > Bounds.XMin && x < Bounds.XMax && y > Bounds.YMin && y < Bounds.YMax;

    public double SignedDistance(double x, double y) => SignedDistance(Bounds, x, y);

    public double BoundaryCrossing(double ax, double ay, double bx, double by) => Crossing(Bounds, ax, ay, bx, by);

    public (double X, double Y) NearestBoundaryPoint(double x, double y) => NearestBoundaryPoint(Bounds, x, y);

    /// <summary>The closest point of the rectangle's boundary (exact, inside and outside).</summary>
    internal static (double X, double Y) NearestBoundaryPoint(BoundingBox b, double x, double y)
    {
        if (x > b.XMin && x < b.XMax && y > b.YMin && y < b.YMax)
        {
            double w = x - b.XMin, e = b.XMax - x, s = y - b.YMin, n = b.YMax - y;
            double m = Math.Min(Math.Min(w, e), Math.Min(s, n));
            return m == w ? (b.XMin, y) : m == e ? (b.XMax, y) : m == s ? (x, b.YMin) : (x, b.YMax);
        }
        return (Math.Clamp(x, b.XMin, b.XMax), Math.Clamp(y, b.YMin, b.YMax));
    }

    /// <summary>Signed distance to the boundary of a closed rectangle (negative inside).</summary>
    internal static double SignedDistance(BoundingBox b, double x, double y)
    {
        double dx = Math.Max(b.XMin - x, x - b.XMax);
        double dy = Math.Max(b.YMin - y, y - b.YMax);
        if (dx <= 0 && dy <= 0)
        {
            return Math.Max(dx, dy);
        }
        double ox = Math.Max(dx, 0), oy = Math.Max(dy, 0);
        return Math.Sqrt(ox * ox + oy * oy);
    }

    /// <summary>Unsigned distance from a point to a closed rectangle (0 inside).</summary>
    internal static double DistanceTo(BoundingBox b, double x, double y) => Math.Max(0, SignedDistance(b, x, y));

    /// <summary>First t ∈ (0, 1] where the segment from an interior point a leaves the rectangle, or 1.</summary>
    internal static double Crossing(BoundingBox b, double ax, double ay, double bx, double by)
    {
        double t = 1;
        if (bx > b.XMax)
        {
            t = Math.Min(t, (b.XMax - ax) / (bx - ax));
        }
        else if (bx < b.XMin)
        {
            t = Math.Min(t, (b.XMin - ax) / (bx - ax));
        }
        if (by > b.YMax)
        {
            t = Math.Min(t, (b.YMax - ay) / (by - ay));
        }
        else if (by < b.YMin)
        {
            t = Math.Min(t, (b.YMin - ay) / (by - ay));
        }
        return t;
    }
}
