using NeuralPDE.Core.Geometry;
using NeuralPDE.Numerics.Linear;

namespace NeuralPDE.Numerics.Poisson;

/// <summary>
/// An assembled finite-difference system A u = b for −∇·(a∇u) = f with Dirichlet data, produced by
/// <see cref="PoissonAssembler"/>: the matrix, the right-hand side, and the maps between grid nodes and unknowns.
/// Unknowns are the <see cref="NodeKind.Interior"/> nodes in row-major node order. Rows are the difference
/// operator itself (scaled like 1/h²), so A is an M-matrix; it is symmetric exactly when no stencil arm was cut by
/// the boundary (<see cref="IsSymmetric"/>), e.g. on grid-aligned domains.
/// </summary>
public sealed class PoissonSystem
{
    internal PoissonSystem(IDomain2D domain, NodeGrid2D grid, CsrMatrix matrix, double[] rightHandSide,
        NodeKind[] kinds, int[] unknownOfNode, int[] nodeOfUnknown, double[] boundaryValues, int cutArms, double minimumArmFraction)
    {
        Domain = domain;
        Grid = grid;
        Matrix = matrix;
        RightHandSide = rightHandSide;
        Kinds = kinds;
        UnknownOfNode = unknownOfNode;
        NodeOfUnknown = nodeOfUnknown;
        BoundaryValues = boundaryValues;
        CutArms = cutArms;
        MinimumArmFraction = minimumArmFraction;
    }

    public IDomain2D Domain { get; }

    public NodeGrid2D Grid { get; }

    public CsrMatrix Matrix { get; }

    public double[] RightHandSide { get; }

    /// <summary>Per grid node (row-major [x, y]): interior, boundary or outside.</summary>
    public NodeKind[] Kinds { get; }

    /// <summary>Per grid node: its unknown index, or −1.</summary>
    public int[] UnknownOfNode { get; }

    /// <summary>Per unknown: its grid node index.</summary>
    public int[] NodeOfUnknown { get; }

    /// <summary>Per grid node: the Dirichlet value g on boundary nodes, 0 elsewhere.</summary>
    public double[] BoundaryValues { get; }

    /// <summary>Number of stencil arms shortened by the boundary (Shortley–Weller); 0 on grid-aligned domains.</summary>
    public int CutArms { get; }

    /// <summary>The smallest arm fraction θ ∈ (0, 1] used (1 when no arm was cut).</summary>
    public double MinimumArmFraction { get; }

    public int Unknowns => NodeOfUnknown.Length;

    /// <summary>True when A is symmetric (no cut arms): CG applies.</summary>
    public bool IsSymmetric => CutArms == 0;

    /// <summary>The full grid field: unknowns at interior nodes, g at boundary nodes, 0 outside.</summary>
    public double[] ToGrid(ReadOnlySpan<double> unknowns)
    {
        if (unknowns.Length != Unknowns)
        {
            throw new ArgumentException($"expected {Unknowns} unknowns, got {unknowns.Length}");
        }
        var u = (double[])BoundaryValues.Clone();
        for (int k = 0; k < NodeOfUnknown.Length; k++)
        {
            u[NodeOfUnknown[k]] = unknowns[k];
        }
        return u;
    }

    /// <summary>The unknowns of a full grid field (e.g. an exact solution, to test the truncation error).</summary>
    public double[] Restrict(ReadOnlySpan<double> gridValues)
    {
        if (gridValues.Length != Grid.Count)
        {
            throw new ArgumentException($"expected {Grid.Count} grid values, got {gridValues.Length}");
        }
        var x = new double[Unknowns];
        for (int k = 0; k < x.Length; k++)
        {
            x[k] = gridValues[NodeOfUnknown[k]];
        }
        return x;
    }

    /// <summary>1 on interior and boundary nodes (the closed domain), 0 outside.</summary>
    public double[] Mask() => Kinds.Select(k => k == NodeKind.Outside ? 0.0 : 1.0).ToArray();
}
