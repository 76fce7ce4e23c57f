namespace NeuralPDE.Numerics.Poisson;

/// <summary>How a grid node takes part in a finite-difference elliptic system.</summary>
public enum NodeKind : byte
{
    /// <summary>Outside the closed domain: not an unknown, value 0 and mask 0 in the output.</summary>
    Outside = 0,

    /// <summary>On the boundary (within a tiny tolerance): Dirichlet value g, mask 1.</summary>
    Boundary = 1,

    /// <summary>Strictly inside: one unknown, one equation.</summary>
    Interior = 2,
}
