namespace NeuralPDE.Core.Geometry;

/// <summary>The open disk |x − c| &lt; R. Distance and crossings are exact (closed form).</summary>
public sealed class DiskDomain : IDomain2D
{
    public DiskDomain(double centerX, double centerY, double radius)
    {
        if (!(radius > 0) || !double.IsFinite(radius))
        {
            throw new ArgumentException($"disk radius must be a positive finite number, got {radius}");
        }
        CenterX = centerX;
        CenterY = centerY;
        Radius = radius;
        Bounds = new BoundingBox(centerX - radius, centerX + radius, centerY - radius, centerY + radius);
    }

    public double CenterX { get; }

    public double CenterY { get; }

    public double Radius { get; }

    public string Name => FormattableString.Invariant($"disk(c=({CenterX}, {CenterY}), R={Radius})");

    public BoundingBox Bounds { get; }

    public bool Contains(double x, double y) => SignedDistance(x, y) < 0;

    public double SignedDistance(double x, double y)
    {
        double dx = x - CenterX, dy = y - CenterY;
        return Math.Sqrt(dx * dx + dy * dy) - Radius;
    }

    public (double X, double Y) NearestBoundaryPoint(double x, double y)
    {
        double dx = x - CenterX, dy = y - CenterY;
        double rho = Math.Sqrt(dx * dx + dy * dy);
        return rho == 0 ? (CenterX + Radius, CenterY) : (CenterX + Radius * dx / rho, CenterY + Radius * dy / rho);
    }

    public double BoundaryCrossing(double ax, double ay, double bx, double by)
    {
        if (SignedDistance(bx, by) <= 0)
        {
            return 1;
        }
        // |p + t d|² = R² with p = a − c inside, so the positive root of a quadratic.
        double px = ax - CenterX, py = ay - CenterY;
        double dx = bx - ax, dy = by - ay;
        double qa = dx * dx + dy * dy;
        double qb = px * dx + py * dy;
        double qc = px * px + py * py - Radius * Radius; // < 0
        double disc = Math.Sqrt(qb * qb - qa * qc);
        // Stable form of (−qb + disc) / qa.
        double t = qb >= 0 ? -qc / (qb + disc) : (disc - qb) / qa;
        return Math.Clamp(t, 0, 1);
    }
}
