namespace NeuralPDE.Core.Geometry;

/// <summary>The open ball |x − c| &lt; R in R³ (exact distance and closest point).</summary>
public sealed class BallDomain : IDomain3D
{
    public BallDomain(double centerX, double centerY, double centerZ, double radius)
    {
        if (!(radius > 0) || !double.IsFinite(radius))
        {
            throw new ArgumentException($"ball radius must be a positive finite number, got {radius}", nameof(radius));
        }
        CenterX = centerX;
        CenterY = centerY;
        CenterZ = centerZ;
        Radius = radius;
    }

    public double CenterX { get; }

    public double CenterY { get; }

    public double CenterZ { get; }

    public double Radius { get; }

    public string Name => FormattableString.Invariant($"ball(c=({CenterX}, {CenterY}, {CenterZ}), R={Radius})");

    public bool Contains(double x, double y, double z) => SignedDistance(x, y, z) < 0;

    public double SignedDistance(double x, double y, double z)
    {
        double dx = x - CenterX, dy = y - CenterY, dz = z - CenterZ;
        return Math.Sqrt(dx * dx + dy * dy + dz * dz) - Radius;
    }

    public (double X, double Y, double Z) NearestBoundaryPoint(double x, double y, double z)
    {
        double dx = x - CenterX, dy = y - CenterY, dz = z - CenterZ;
        double rho = Math.Sqrt(dx * dx + dy * dy + dz * dz);
        if (rho == 0)
        {
            return (CenterX + Radius, CenterY, CenterZ);
        }
        double s = Radius / rho;
        return (CenterX + s * dx, CenterY + s * dy, CenterZ + s * dz);
    }
}
