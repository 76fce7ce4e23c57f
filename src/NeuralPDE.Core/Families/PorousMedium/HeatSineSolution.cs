namespace NeuralPDE.Core.Families.PorousMedium;

/// <summary>
/// Heat equation u_t = k u_xx on [a, b] with u = 0 at both ends:
/// u(x, t) = exp(−k (nπ/L)² t) sin(nπ (x − a)/L), L = b − a, n = mode.
/// ProbConserv's heat case is a = 0, b = 2π, n = 2 (u = e^{−kt} sin x, k ∈ [1, 5], t ∈ [0, 1]); the default
/// spec uses [0, 1] with n = 1. Mass ∫u dx is not conserved in general: it leaves through the ends with flux −k u_x.
/// </summary>
public sealed class HeatSineSolution : IGpmeExactSolution1D
{
    public HeatSineSolution(double k, int mode, double xMin, double xMax)
    {
        K = k;
        Mode = mode;
        XMin = xMin;
        Length = xMax - xMin;
        Diffusivity = new ConstantDiffusivity(k);
        Wavenumber = mode * Math.PI / Length;
    }

    public double K { get; }

    public int Mode { get; }

    public double XMin { get; }

    public double Length { get; }

    /// <summary>nπ/L.</summary>
    public double Wavenumber { get; }

    public Diffusivity Diffusivity { get; }

    public double Value(double x, double t) => Math.Exp(-K * Wavenumber * Wavenumber * t) * Math.Sin(Wavenumber * (x - XMin));
}
