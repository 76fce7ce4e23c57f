namespace NeuralPDE.Numerics.PorousMedium;

/// <summary>
/// How a finite-volume face flux F = −k_face (u_R − u_L)/d picks its diffusivity from the two cell values.
/// All three let a degenerate front move (k_face &gt; 0 as soon as one side has k &gt; 0); the harmonic mean does
/// not (it vanishes next to a dry cell), which is why it is not offered.
/// </summary>
public enum FaceMean
{
    /// <summary>Kirchhoff/secant mean k_face = (Φ(u_R) − Φ(u_L))/(u_R − u_L), i.e. F = −(Φ(u_R) − Φ(u_L))/d with
    /// Φ = ∫k: the discretisation of u_t = ΔΦ(u) (the enthalpy method for Stefan). Default.</summary>
    Kirchhoff,

    /// <summary>Arithmetic mean k_face = (k(u_L) + k(u_R))/2.</summary>
    Arithmetic,

    /// <summary>k of the average, k_face = k((u_L + u_R)/2).</summary>
    Midpoint,
}
