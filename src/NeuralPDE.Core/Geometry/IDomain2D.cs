namespace NeuralPDE.Core.Geometry;

/// <summary>
/// A bounded open domain Ω ⊂ R². Three queries serve the solvers:
/// <list type="bullet">
/// <item><see cref="Contains"/>: x ∈ Ω (the open set, boundary excluded);</item>
/// <item><see cref="SignedDistance"/>: ±dist(x, ∂Ω), negative inside, zero on ∂Ω, positive outside
/// (walk-on-spheres uses |d| as the radius of the largest empty ball);</item>
/// <item><see cref="BoundaryCrossing"/>: where the segment from an interior point to another point first meets ∂Ω
/// (Shortley–Weller uses it along grid lines);</item>
/// <item><see cref="InteriorRadius"/> and <see cref="NearestBoundaryPoint"/>: the radius of an empty ball about an
/// interior point and a boundary point to evaluate Dirichlet data at (walk-on-spheres).</item>
/// </list>
/// Composite domains (<see cref="UnionDomain"/>, <see cref="DifferenceDomain"/>) return a signed-distance bound that
/// is exact on the boundary and never overestimates |dist| inside, which is all the solvers need.
/// </summary>
public interface IDomain2D
{
    /// <summary>Short description with parameters, e.g. <c>disk(c=(0,0), R=1)</c>.</summary>
    string Name { get; }

    /// <summary>A rectangle containing the closure of the domain.</summary>
    BoundingBox Bounds { get; }

    /// <summary>True when (x, y) lies in the open domain.</summary>
    bool Contains(double x, double y);

    /// <summary>Signed Euclidean distance to the boundary: −dist inside, +dist outside.</summary>
    double SignedDistance(double x, double y);

    /// <summary>
    /// For an interior point a = (ax, ay) and any point b = (bx, by): the smallest t ∈ (0, 1] such that
    /// a + t (b − a) lies on ∂Ω; 1 when the closed segment never leaves the open domain before b
    /// (b inside or exactly on the boundary).
    /// </summary>
    double BoundaryCrossing(double ax, double ay, double bx, double by);

    /// <summary>
    /// The radius of an open ball about (x, y) that lies in Ω: a lower bound on dist(x, ∂Ω) that is exact or within a
    /// bounded factor of it near ∂Ω (walk-on-spheres steps to the sphere of this radius); 0 outside Ω or on ∂Ω.
    /// </summary>
    double InteriorRadius(double x, double y) => Math.Max(0, -SignedDistance(x, y));

    /// <summary>
    /// A lower bound on dist((x, y), ∂Ω), inside or outside, for domains whose exact distance is dear: the
    /// finite-difference assembler classifies grid nodes with it and computes <see cref="SignedDistance"/> only where
    /// the bound does not settle the node. The default is the exact distance.
    /// </summary>
    double DistanceLowerBound(double x, double y) => Math.Abs(SignedDistance(x, y));

    /// <summary>
    /// A point of ∂Ω whose distance from (x, y) is at most a bounded multiple of dist(x, ∂Ω) (the closest point where
    /// that is cheap): where walk-on-spheres evaluates the boundary data when a walk stops in the ε-shell.
    /// </summary>
    (double X, double Y) NearestBoundaryPoint(double x, double y);
}
