using NeuralPDE.Core.RandomFields;
using NeuralPDE.Core.Specs;

namespace NeuralPDE.Core.Families.NavierStokes;

/// <summary>
/// 2-D incompressible Navier–Stokes in vorticity form on the unit torus [0,1)^2 (FNO benchmark):
/// <c>w_t + u.grad w = nu Laplacian w + f</c>, <c>u = (psi_y, -psi_x)</c>, <c>-Laplacian psi = w</c>, with the
/// forcing <c>f = A (sin 2 pi (x+y) + cos 2 pi (x+y))</c> (FNO: A = 0.1) and initial vorticity
/// <c>w_0 ~ N(0, sigma^2 (-Laplacian + tau^2 I)^(-alpha))</c>. Spec variant <c>vorticity-forced</c>.
/// </summary>
public sealed record TorusVorticityParameters(double Nu, double TEnd, double ForcingAmplitude, PeriodicGaussianFieldParameters Initial)
{
    /// <summary>Reads <c>parameters.nu</c> (&gt; 0), <c>parameters.tEnd</c> (&gt; 0), <c>parameters.forcingAmplitude</c>
    /// (any real; 0 = unforced) and <c>parameters.initial.{alpha,tau,sigma}</c>.</summary>
    public static TorusVorticityParameters FromSpec(ProblemSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new TorusVorticityParameters(
            spec.Number("parameters.nu", min: 0, exclusiveMin: true),
            spec.Number("parameters.tEnd", min: 0, exclusiveMin: true),
            spec.Number("parameters.forcingAmplitude"),
            PeriodicGaussianFieldParameters.FromSpec(spec, "parameters.initial"));
    }

    /// <summary>The FNO forcing <c>A (sin 2 pi (x+y) + cos 2 pi (x+y))</c>.</summary>
    public static double Forcing(double amplitude, double x, double y)
    {
        double s = 2 * Math.PI * (x + y);
        return amplitude * (Math.Sin(s) + Math.Cos(s));
    }
}
