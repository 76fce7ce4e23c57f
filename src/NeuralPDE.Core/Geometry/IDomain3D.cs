namespace NeuralPDE.Core.Geometry;

/// <summary>A bounded open domain Ω ⊂ R³ with the queries walk-on-spheres needs (see <see cref="IDomain2D"/>).</summary>
public interface IDomain3D
{
    /// <summary>Short description with parameters.</summary>
    string Name { get; }

    /// <summary>True when (x, y, z) lies in the open domain.</summary>
    bool Contains(double x, double y, double z);

    /// <summary>Signed Euclidean distance to the boundary: −dist inside, +dist outside.</summary>
    double SignedDistance(double x, double y, double z);

    /// <summary>The radius of an open ball about the point inside Ω (a lower bound on the distance to ∂Ω); 0 outside.</summary>
    double InteriorRadius(double x, double y, double z) => Math.Max(0, -SignedDistance(x, y, z));

    /// <summary>A point of ∂Ω within a bounded multiple of the distance (the closest point for boxes and balls).</summary>
    (double X, double Y, double Z) NearestBoundaryPoint(double x, double y, double z);
}
