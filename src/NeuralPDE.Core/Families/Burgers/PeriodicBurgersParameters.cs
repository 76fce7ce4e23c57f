using NeuralPDE.Core.RandomFields;
using NeuralPDE.Core.Specs;

namespace NeuralPDE.Core.Families.Burgers;

/// <summary>
/// Viscous Burgers on the unit circle: <c>u_t + (u^2/2)_x = nu u_xx</c>, x in [0,1) periodic, t in (0, tEnd],
/// with a Gaussian-random-field initial condition <c>u_0 ~ N(0, sigma^2 (-Laplacian + tau^2 I)^(-alpha))</c>
/// (FNO benchmark: nu = 0.1, covariance 625 (-Laplacian + 25 I)^(-2)). Spec variant <c>periodic-grf</c>.
/// </summary>
public sealed record PeriodicBurgersParameters(double Nu, double TEnd, PeriodicGaussianFieldParameters Initial)
{
    /// <summary>Reads <c>parameters.nu</c> (&gt; 0), <c>parameters.tEnd</c> (&gt; 0) and <c>parameters.initial.{alpha,tau,sigma}</c>.</summary>
    public static PeriodicBurgersParameters FromSpec(ProblemSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new PeriodicBurgersParameters(
            spec.Number("parameters.nu", min: 0, exclusiveMin: true),
            spec.Number("parameters.tEnd", min: 0, exclusiveMin: true),
            PeriodicGaussianFieldParameters.FromSpec(spec, "parameters.initial"));
    }
}
