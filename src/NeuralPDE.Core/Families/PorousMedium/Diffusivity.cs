namespace NeuralPDE.Core.Families.PorousMedium;

/// <summary>
/// A nonlinear diffusivity k(u) of u_t = div(k(u) grad u), with its derivative k'(u) and its Kirchhoff
/// potential Φ(u) = ∫_0^u k(s) ds, so that k(u) grad u = grad Φ(u) and u_t = ΔΦ(u).
/// </summary>
public abstract class Diffusivity
{
    /// <summary>k(u).</summary>
    public abstract double K(double u);

    /// <summary>k'(u) (zero where k is piecewise constant).</summary>
    public abstract double DK(double u);

    /// <summary>The Kirchhoff potential Φ(u) = ∫_0^u k(s) ds (Φ' = k).</summary>
    public abstract double Potential(double u);

    /// <summary>Short description, e.g. <c>u^3</c>.</summary>
    public abstract string Describe();

    public override string ToString() => Describe();
}
