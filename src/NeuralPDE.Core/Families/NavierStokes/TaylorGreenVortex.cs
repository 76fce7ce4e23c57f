using NeuralPDE.Core.Specs;

namespace NeuralPDE.Core.Families.NavierStokes;

/// <summary>
/// The decaying Taylor–Green vortex on the unit torus, an exact solution of the unforced vorticity equation:
/// with <c>K = 2 pi k</c> (integer k &gt;= 1),
/// <c>w(x, y, t) = 2 K A cos(K x) cos(K y) exp(-2 nu K^2 t)</c>, stream function <c>psi = w / (2 K^2)</c>,
/// velocity <c>u = psi_y = -A sin(K y) cos(K x) e^{...}</c>, <c>v = -psi_x = A sin(K x) cos(K y) e^{...}</c>.
/// The advection term <c>u.grad w</c> vanishes identically (w is a function of psi), so the flow decays purely by
/// viscosity. Spec variant <c>taylor-green</c>.
/// </summary>
public sealed record TaylorGreenVortex(double Nu, double TEnd, int Wavenumber, double Amplitude)
{
    /// <summary>Reads <c>parameters.nu</c> (&gt; 0), <c>parameters.tEnd</c> (&gt; 0), <c>parameters.wavenumber</c>
    /// (integer &gt;= 1) and <c>parameters.amplitude</c> (velocity amplitude, &gt; 0).</summary>
    public static TaylorGreenVortex FromSpec(ProblemSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new TaylorGreenVortex(
            spec.Number("parameters.nu", min: 0, exclusiveMin: true),
            spec.Number("parameters.tEnd", min: 0, exclusiveMin: true),
            spec.Integer("parameters.wavenumber", min: 1),
            spec.Number("parameters.amplitude", min: 0, exclusiveMin: true));
    }

    /// <summary>Angular wavenumber <c>K = 2 pi k</c>.</summary>
    public double AngularWavenumber => 2 * Math.PI * Wavenumber;

    /// <summary>Exact vorticity at (x, y, t).</summary>
    public double Vorticity(double x, double y, double t)
    {
        double k = AngularWavenumber;
        return 2 * k * Amplitude * Math.Cos(k * x) * Math.Cos(k * y) * Math.Exp(-2 * Nu * k * k * t);
    }
}
