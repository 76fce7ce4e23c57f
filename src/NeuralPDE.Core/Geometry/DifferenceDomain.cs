namespace NeuralPDE.Core.Geometry;

/// <summary>
/// The difference A \ B̄ of two open domains (a domain with a hole or a notch). <see cref="SignedDistance"/> is
/// max(d_A, −d_B): exact on ∂Ω, and inside a lower bound on the distance (the ball of radius min(−d_A, d_B) lies in A
/// and outside B), exact near ∂Ω away from the corners where ∂A meets ∂B. Crossings are found by sphere tracing on
/// that bound. The constructor rejects an empty difference (B covers A on a 64 × 64 sample of A's box).
/// </summary>
public sealed class DifferenceDomain : IDomain2D
{
    public DifferenceDomain(IDomain2D outer, IDomain2D removed)
    {
        Outer = outer ?? throw new ArgumentNullException(nameof(outer));
        Removed = removed ?? throw new ArgumentNullException(nameof(removed));
        Bounds = outer.Bounds;
        const int n = 64;
        bool any = false;
        for (int i = 0; i < n && !any; i++)
        {
            for (int j = 0; j < n && !any; j++)
            {
                double x = Bounds.XMin + (i + 0.5) * Bounds.Width / n, y = Bounds.YMin + (j + 0.5) * Bounds.Height / n;
                any = Contains(x, y);
            }
        }
        if (!any)
        {
            throw new ArgumentException($"difference {outer.Name} minus {removed.Name} is empty (or thinner than 1/64 of its box)", nameof(removed));
        }
    }

    public IDomain2D Outer { get; }

    public IDomain2D Removed { get; }

    public string Name => $"difference({Outer.Name}, {Removed.Name})";

    public BoundingBox Bounds { get; }

    public bool Contains(double x, double y) => Outer.Contains(x, y) && Removed.SignedDistance(x, y) > 0;

    public double SignedDistance(double x, double y) => Math.Max(Outer.SignedDistance(x, y), -Removed.SignedDistance(x, y));

    public double InteriorRadius(double x, double y)
    {
        double r = Outer.InteriorRadius(x, y);
        return r > 0 ? Math.Min(r, Math.Max(0, Removed.SignedDistance(x, y))) : 0;
    }

    public (double X, double Y) NearestBoundaryPoint(double x, double y)
    {
        // A point of ∂A is on ∂Ω unless it lies inside B; a point of ∂B is on ∂Ω when it lies in the closure of A.
        var a = Outer.NearestBoundaryPoint(x, y);
        var b = Removed.NearestBoundaryPoint(x, y);
        bool aValid = !Removed.Contains(a.X, a.Y), bValid = Outer.SignedDistance(b.X, b.Y) <= 0;
        if (aValid != bValid)
        {
            return aValid ? a : b;
        }
        if (!aValid && Contains(x, y))
        {
            return SegmentMarch.NearestByRays(this, x, y); // next to a corner where ∂A meets ∂B
        }
        return UnionDomain.Distance2(x, y, a) <= UnionDomain.Distance2(x, y, b) ? a : b;
    }

    public double BoundaryCrossing(double ax, double ay, double bx, double by) => SegmentMarch.FirstExit(this, ax, ay, bx, by);
}
