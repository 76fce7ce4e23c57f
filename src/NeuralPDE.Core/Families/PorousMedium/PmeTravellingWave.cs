namespace NeuralPDE.Core.Families.PorousMedium;

/// <summary>
/// Travelling-wave solution of the PME u_t = (u^m u_x)_x with front x_f(t) = a + c t:
/// u(x, t) = (m c (c t − (x − a)))_+^(1/m).
/// Derivation: u = f(ξ), ξ = c t − (x − a) gives c f = f^m f' (no flux ahead of the front), so f^m = m c ξ.
/// For c = 1 this is ProbConserv's PME case u = (m (t − x))_+^(1/m) on [0, 1], t ∈ [0, 1]
/// (u(0, t) = (m t)^(1/m), u(x, 0) = 0); for c ≠ 1 the amplitude factor m c (not m) is required.
/// Mass ∫_a^∞ u dx = (m c)^(1/m) (c t)^(1+1/m) / (1 + 1/m), all of it supplied through x = a.
/// </summary>
public sealed class PmeTravellingWave : IGpmeExactSolution1D
{
    public PmeTravellingWave(double m, double c, double xMin)
    {
        M = m;
        C = c;
        XMin = xMin;
        Diffusivity = new PowerLawDiffusivity(m);
    }

    public double M { get; }

    /// <summary>Front speed.</summary>
    public double C { get; }

    public double XMin { get; }

    public Diffusivity Diffusivity { get; }

    /// <summary>Front position a + c t.</summary>
    public double Front(double t) => XMin + C * t;

    public double Value(double x, double t)
    {
        double xi = C * t - (x - XMin);
        return xi <= 0 ? 0 : Math.Pow(M * C * xi, 1 / M);
    }

    /// <summary>∫_a^∞ u(x, t) dx.</summary>
    public double Mass(double t) => t <= 0 ? 0 : Math.Pow(M * C, 1 / M) * Math.Pow(C * t, 1 + 1 / M) / (1 + 1 / M);
}
