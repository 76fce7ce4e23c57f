namespace NeuralPDE.Core.Geometry;

/// <summary>
/// Boundary crossings for domains that only offer a distance bound (<see cref="IDomain2D.InteriorRadius"/>): sphere
/// tracing along the segment. The open ball of radius r about the current point contains no boundary, so the point
/// can advance by r; near ∂Ω the bound is within a constant factor of the distance, so the march converges
/// geometrically (more slowly at grazing incidence) to the first crossing.
/// </summary>
internal static class SegmentMarch
{
    private const int MaxSteps = 100_000;

    public static double FirstExit(IDomain2D domain, double ax, double ay, double bx, double by)
    {
        double dx = bx - ax, dy = by - ay;
        double length = Math.Sqrt(dx * dx + dy * dy);
        if (length == 0)
        {
            return 1;
        }
        double tol = 1e-15 * (1 + domain.Bounds.Diameter);
        double t = 0;
        for (int step = 0; step < MaxSteps; step++)
        {
            double r = domain.InteriorRadius(ax + t * dx, ay + t * dy);
            if (r <= tol)
            {
                return Math.Max(t, double.Epsilon);
            }
            t += r / length;
            if (t >= 1)
            {
                return 1;
            }
        }
        return t;
    }

    /// <summary>A boundary point near an interior point when no closed form is available: the nearest of the exits
    /// along 64 rays (within a small factor of the distance unless ∂Ω has a thin spike between the rays).</summary>
    public static (double X, double Y) NearestByRays(IDomain2D domain, double x, double y)
    {
        const int rays = 64;
        double reach = 2 * domain.Bounds.Diameter;
        double best = double.PositiveInfinity, bx = x, by = y;
        for (int k = 0; k < rays; k++)
        {
            double angle = 2 * Math.PI * k / rays;
            double ex = x + reach * Math.Cos(angle), ey = y + reach * Math.Sin(angle);
            double t = FirstExit(domain, x, y, ex, ey);
            if (t * reach < best)
            {
                best = t * reach;
                bx = x + t * (ex - x);
                by = y + t * (ey - y);
            }
        }
        return (bx, by);
    }
}
