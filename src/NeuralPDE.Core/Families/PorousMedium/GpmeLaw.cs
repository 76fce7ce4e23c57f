namespace NeuralPDE.Core.Families.PorousMedium;

/// <summary>
/// The diffusivity law of a 1-D generalized porous medium equation u_t = (k(u) u_x)_x, as in the three
/// GPME cases of ProbConserv (Hansen et al. 2023): constant k (heat), k(u) = u^m (PME) and the Stefan
/// step k(u) = 1 for u &gt;= u*, 0 otherwise.
/// </summary>
public enum GpmeLaw
{
    /// <summary>k(u) = k, a constant: the heat equation.</summary>
    Heat,

    /// <summary>k(u) = u^m: the porous medium equation (degenerate at u = 0).</summary>
    Pme,

    /// <summary>k(u) = 1 for u &gt;= u*, 0 otherwise: the (one-phase) Stefan problem.</summary>
    Stefan,
}
