using NeuralPDE.Core.Specs;

namespace NeuralPDE.Core.RandomFields;

/// <summary>
/// A mean-zero Gaussian random field on the unit torus [0,1)^d with covariance operator
/// <c>C = sigma^2 (-Laplacian + tau^2 I)^(-alpha)</c>, the prior used by the FNO benchmarks.
/// The Fourier mode <c>exp(2 pi i k.x)</c> (k in Z^d, k != 0) carries variance
/// <see cref="Eigenvalue"/> <c>lambda_k = sigma^2 (4 pi^2 |k|^2 + tau^2)^(-alpha)</c>; the mean (k = 0) is zero.
/// Spec fields (under a section such as <c>parameters.initial</c>): <c>alpha</c> &gt; 0, <c>tau</c> &gt;= 0, <c>sigma</c> &gt;= 0.
/// </summary>
/// <param name="Alpha">Smoothness exponent (the field is in H^s for s &lt; alpha - d/2).</param>
/// <param name="Tau">Inverse length scale.</param>
/// <param name="Sigma">Amplitude: the covariance is sigma^2 times the operator power.</param>
public sealed record PeriodicGaussianFieldParameters(double Alpha, double Tau, double Sigma)
{
    /// <summary>FNO 1-D Burgers initial data (paper): covariance 625 (-Laplacian + 25 I)^(-2).</summary>
    public static PeriodicGaussianFieldParameters FnoBurgers { get; } = new(2.0, 5.0, 25.0);

    /// <summary>FNO 2-D Navier–Stokes initial vorticity: 7^(3/2) (-Laplacian + 49 I)^(-2.5) with 7^(3/2) as the
    /// standard-deviation factor, i.e. sigma = 7^1.5 (covariance 7^3 (-Laplacian + 49 I)^(-2.5)).</summary>
    public static PeriodicGaussianFieldParameters FnoNavierStokes { get; } = new(2.5, 7.0, Math.Pow(7.0, 1.5));

    /// <summary>Reads <c>SECTION.alpha</c>, <c>SECTION.tau</c>, <c>SECTION.sigma</c>, validating each.</summary>
    public static PeriodicGaussianFieldParameters FromSpec(ProblemSpec spec, string section)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new PeriodicGaussianFieldParameters(
            spec.Number(section + ".alpha", min: 0, exclusiveMin: true),
            spec.Number(section + ".tau", min: 0),
            spec.Number(section + ".sigma", min: 0));
    }

    /// <summary>Variance of the coefficient of <c>exp(2 pi i k.x)</c> given <c>|k|^2</c> (integer wavenumbers); 0 for k = 0.</summary>
    public double Eigenvalue(double integerWavenumberSquared)
        => integerWavenumberSquared == 0
            ? 0.0
            : Sigma * Sigma * Math.Pow(4 * Math.PI * Math.PI * integerWavenumberSquared + Tau * Tau, -Alpha);
}
