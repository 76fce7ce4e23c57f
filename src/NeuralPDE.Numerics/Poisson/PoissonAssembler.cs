using NeuralPDE.Core.Geometry;
using NeuralPDE.Numerics.Linear;

namespace NeuralPDE.Numerics.Poisson;

/// <summary>
/// Assembles the 5-point finite-difference system for −∇·(a∇u) = f in a domain Ω, u = g on ∂Ω, on a uniform node
/// grid covering Ω. At an interior node P with arm lengths h_E = θ_E h_x, h_W = θ_W h_x (and likewise in y),
/// <code>−(a u_x)_x ≈ −[a_e (u_E − u_P)/h_E − a_w (u_P − u_W)/h_W] / ((h_E + h_W)/2)</code>
/// where an arm is cut (θ &lt; 1) at the exact point where the grid line meets ∂Ω
/// (<see cref="IDomain2D.BoundaryCrossing"/>) and u there is g: the Shortley–Weller scheme, second-order
/// accurate for smooth u (local truncation O(h) in the one-row boundary layer, O(h²) globally, by the discrete
/// maximum principle). On grid-aligned domains every θ = 1 and this is the standard symmetric 5-point Laplacian.
/// Face coefficients are harmonic means of the nodal coefficient, a_e = 2 a_P a_E / (a_P + a_E): for a coefficient
/// that jumps between two nodes this is the exact conductance of the two half cells in series, which keeps the
/// discrete flux continuous across material interfaces. Assembly is separate from solving so that the matrix and
/// right-hand side can be reused (dataset generation, recycling Krylov solvers).
/// </summary>
public static class PoissonAssembler
{
    /// <summary>Nodes closer than this fraction of the grid step to ∂Ω are treated as boundary nodes.</summary>
    public const double BoundaryTolerance = 1e-6;

    /// <summary>
    /// Assembles A u = b. <paramref name="coefficient"/>: nodal values of a on <paramref name="grid"/> (row-major
    /// [x, y], all positive), or null for a = 1. <paramref name="f"/>: the source; <paramref name="g"/>: the
    /// Dirichlet data, evaluated at boundary nodes and at the boundary crossings of cut arms. The grid must cover Ω
    /// (every interior node has its four neighbours on the grid).
    /// </summary>
    public static PoissonSystem Assemble(IDomain2D domain, NodeGrid2D grid, double[]? coefficient,
        Func<double, double, double> f, Func<double, double, double> g)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(g);
        if (coefficient is not null)
        {
            if (coefficient.Length != grid.Count)
            {
                throw new ArgumentException($"coefficient has {coefficient.Length} values, the grid has {grid.Count} nodes", nameof(coefficient));
            }
            foreach (double v in coefficient)
            {
                if (!(v > 0) || !double.IsFinite(v))
                {
                    throw new ArgumentException($"coefficient values must be positive and finite, found {v}", nameof(coefficient));
                }
            }
        }
        int nx = grid.NX, ny = grid.NY;
        double tol = BoundaryTolerance * Math.Min(grid.Hx, grid.Hy);
        var kinds = new NodeKind[grid.Count];
        var boundaryValues = new double[grid.Count];
        var unknownOfNode = new int[grid.Count];
        var nodes = new List<int>();
        for (int i = 0; i < nx; i++)
        {
            double x = grid.X(i);
            for (int j = 0; j < ny; j++)
            {
                double y = grid.Y(j);
                int p = grid.Index(i, j);
                // The cheap bound settles almost every node; the exact distance only decides those within the tolerance of ∂Ω.
                bool inside = domain.Contains(x, y);
                double bound = domain.DistanceLowerBound(x, y);
                double sd = bound > tol ? (inside ? -bound : bound) : domain.SignedDistance(x, y);
                if (sd < -tol && inside)
                {
                    kinds[p] = NodeKind.Interior;
                    unknownOfNode[p] = nodes.Count;
                    nodes.Add(p);
                    if (i == 0 || j == 0 || i == nx - 1 || j == ny - 1)
                    {
                        throw new ArgumentException(FormattableString.Invariant($"the grid does not cover the domain {domain.Name}: interior node ({x}, {y}) lies on the grid's edge"));
                    }
                }
                else
                {
                    unknownOfNode[p] = -1;
                    if (Math.Abs(sd) <= tol)
                    {
                        kinds[p] = NodeKind.Boundary;
                        boundaryValues[p] = g(x, y);
                    }
                }
            }
        }
        if (nodes.Count == 0)
        {
            throw new ArgumentException($"the grid ({nx} x {ny}) has no interior node in {domain.Name}; refine it");
        }

        var builder = new CsrBuilder(nodes.Count, 5 * nodes.Count);
        var rhs = new double[nodes.Count];
        int cut = 0;
        double minTheta = 1;
        Span<double> arm = stackalloc double[4];
        Span<double> armValue = stackalloc double[4];
        Span<int> armUnknown = stackalloc int[4];
        Span<double> armCoefficient = stackalloc double[4];
        ReadOnlySpan<int> di = [1, -1, 0, 0];
        ReadOnlySpan<int> dj = [0, 0, 1, -1];
        for (int k = 0; k < nodes.Count; k++)
        {
            int p = nodes[k];
            int i = p / ny, j = p % ny;
            double x = grid.X(i), y = grid.Y(j);
            double aP = coefficient?[p] ?? 1.0;
            for (int d = 0; d < 4; d++)
            {
                int q = grid.Index(i + di[d], j + dj[d]);
                double h = d < 2 ? grid.Hx : grid.Hy;
                armCoefficient[d] = coefficient is null ? 1.0 : HarmonicMean(aP, coefficient[q]);
                if (kinds[q] == NodeKind.Interior)
                {
                    arm[d] = h;
                    armUnknown[d] = unknownOfNode[q];
                    armValue[d] = 0;
                    continue;
                }
                armUnknown[d] = -1;
                double qx = grid.X(i + di[d]), qy = grid.Y(j + dj[d]);
                double theta = kinds[q] == NodeKind.Boundary ? 1.0 : domain.BoundaryCrossing(x, y, qx, qy);
                theta = Math.Clamp(theta, BoundaryTolerance, 1.0);
                if (theta < 1)
                {
                    cut++;
                    minTheta = Math.Min(minTheta, theta);
                    armValue[d] = g(x + theta * (qx - x), y + theta * (qy - y));
                }
                else
                {
                    armValue[d] = kinds[q] == NodeKind.Boundary ? boundaryValues[q] : g(qx, qy);
                }
                arm[d] = theta * h;
            }
            double diag = 0, b = f(x, y);
            for (int d = 0; d < 4; d++)
            {
                int partner = d ^ 1; // E<->W, N<->S
                double c = 2 * armCoefficient[d] / (arm[d] * (arm[d] + arm[partner]));
                diag += c;
                if (armUnknown[d] >= 0)
                {
                    builder.Add(k, armUnknown[d], -c);
                }
                else
                {
                    b += c * armValue[d];
                }
            }
            builder.Add(k, k, diag);
            rhs[k] = b;
        }
        return new PoissonSystem(domain, grid, builder.Build(), rhs, kinds, unknownOfNode, nodes.ToArray(), boundaryValues, cut, minTheta);
    }

    /// <summary>2ab / (a + b): the conductance of two equal half cells in series.</summary>
    public static double HarmonicMean(double a, double b) => 2 * a * b / (a + b);
}
