using NeuralPDE.Core.Random;

namespace NeuralPDE.Numerics.WalkOnSpheres;

/// <summary>
/// The Dirichlet Green's function of −Δ on the ball B(x, R), from its centre, used to sample the source term:
/// u(x) = mean of u over ∂B + ∫_B G(x, y) f(y) dy, and the integral is estimated by |G| f(Y) with Y drawn with density
/// G(x, ·)/|G|, |G| = ∫_B G.
/// <list type="bullet">
/// <item>2-D: G = ln(R/r)/(2π), |G| = ∫_0^R r ln(R/r) dr = R²/4. The radius density is 4 s ln(1/s) (s = r/R), which is
/// the law of √(U₁U₂): the product of two uniforms has density −ln t, and t = s².</item>
/// <item>3-D: G = (1/r − 1/R)/(4π), |G| = ∫_0^R (r − r²/R) dr = R²/6. The radius density is 6 s (1 − s) = Beta(2, 2),
/// the law of the median of three uniforms.</item>
/// </list>
/// Directions are uniform.
/// </summary>
public static class BallGreenFunction
{
    /// <summary>∫_B G(x, y) dy in 2-D: R²/4.</summary>
    public static double Integral2D(double radius) => radius * radius / 4;

    /// <summary>∫_B G(x, y) dy in 3-D: R²/6.</summary>
    public static double Integral3D(double radius) => radius * radius / 6;

    /// <summary>G in 2-D at distance r from the centre.</summary>
    public static double Value2D(double r, double radius) => Math.Log(radius / r) / (2 * Math.PI);

    /// <summary>G in 3-D at distance r from the centre.</summary>
    public static double Value3D(double r, double radius) => (1 / r - 1 / radius) / (4 * Math.PI);

    /// <summary>A radius fraction s = r/R with density 4 s ln(1/s).</summary>
    public static double SampleRadiusFraction2D(Xoshiro256StarStar rng) => Math.Sqrt(rng.NextDouble() * rng.NextDouble());

    /// <summary>A radius fraction s = r/R with density 6 s (1 − s) (median of three uniforms).</summary>
    public static double SampleRadiusFraction3D(Xoshiro256StarStar rng)
    {
        double a = rng.NextDouble(), b = rng.NextDouble(), c = rng.NextDouble();
        return Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
    }
}
