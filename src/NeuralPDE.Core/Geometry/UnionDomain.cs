namespace NeuralPDE.Core.Geometry;

/// <summary>
/// The union A ∪ B of two open domains (they should overlap: a shared edge of two touching domains stays a slit in the
/// boundary). <see cref="SignedDistance"/> is min(d_A, d_B): exact outside and on ∂Ω, and inside a lower bound on the
/// distance (the larger of the two inscribed balls lies in A or in B), exact near ∂Ω away from the corners where ∂A
/// meets ∂B. Crossings are found by sphere tracing on that bound.
/// </summary>
public sealed class UnionDomain : IDomain2D
{
    public UnionDomain(IDomain2D first, IDomain2D second)
    {
        First = first ?? throw new ArgumentNullException(nameof(first));
        Second = second ?? throw new ArgumentNullException(nameof(second));
        BoundingBox a = first.Bounds, b = second.Bounds;
        Bounds = new BoundingBox(Math.Min(a.XMin, b.XMin), Math.Max(a.XMax, b.XMax), Math.Min(a.YMin, b.YMin), Math.Max(a.YMax, b.YMax));
    }

    public IDomain2D First { get; }

    public IDomain2D Second { get; }

    public string Name => $"union({First.Name}, {Second.Name})";

    public BoundingBox Bounds { get; }

    public bool Contains(double x, double y) => First.Contains(x, y) || Second.Contains(x, y);

    public double SignedDistance(double x, double y) => Math.Min(First.SignedDistance(x, y), Second.SignedDistance(x, y));

    public double InteriorRadius(double x, double y) => Math.Max(First.InteriorRadius(x, y), Second.InteriorRadius(x, y));

    public (double X, double Y) NearestBoundaryPoint(double x, double y)
    {
        // A candidate on ∂A is on ∂(A ∪ B) unless it lies inside B (and vice versa); prefer valid, then near.
        var a = First.NearestBoundaryPoint(x, y);
        var b = Second.NearestBoundaryPoint(x, y);
        bool aValid = !Second.Contains(a.X, a.Y), bValid = !First.Contains(b.X, b.Y);
        if (aValid != bValid)
        {
            return aValid ? a : b;
        }
        if (!aValid && Contains(x, y))
        {
            return SegmentMarch.NearestByRays(this, x, y); // next to a corner where ∂A meets ∂B
        }
        return Distance2(x, y, a) <= Distance2(x, y, b) ? a : b;
    }

    public double BoundaryCrossing(double ax, double ay, double bx, double by) => SegmentMarch.FirstExit(this, ax, ay, bx, by);

    internal static double Distance2(double x, double y, (double X, double Y) p) => (x - p.X) * (x - p.X) + (y - p.Y) * (y - p.Y);
}
