using MathNet.Numerics;

namespace NeuralPDE.Core.Families.PorousMedium;

/// <summary>
/// One-phase Stefan problem as a GPME (ProbConserv's Stefan case): k(u) = 1 for u &gt;= u*, 0 otherwise, on x &gt;= a,
/// u(a, t) = 1, u(x, 0) = 0. Exact solution with front x*(t) = a + 2 z √t:
/// u = 1 − (1 − u*) erf((x − a)/(2√t)) / erf(z) behind the front, u = 0 ahead of it,
/// where z solves the Stefan condition u* ẋ* = −u_x(x*⁻), i.e. √π u* z e^{z²} erf(z) = 1 − u*
/// (z ≈ 0.6201 for u* = 0.5). u jumps from u* to 0 at the front. Mass ∫u dx = 2 (1 − u*)/erf(z) √(t/π).
/// </summary>
public sealed class StefanSolution : IGpmeExactSolution1D
{
    public StefanSolution(double uStar, double xMin)
    {
        if (!(uStar > 0 && uStar < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(uStar), $"u* must lie in (0, 1), got {uStar}");
        }
        UStar = uStar;
        XMin = xMin;
        Z = SolveFrontConstant(uStar);
        Amplitude = (1 - uStar) / SpecialFunctions.Erf(Z);
        Diffusivity = new StefanDiffusivity(uStar);
    }

    public double UStar { get; }

    public double XMin { get; }

    /// <summary>The front constant z (front at a + 2 z √t).</summary>
    public double Z { get; }

    /// <summary>(1 − u*)/erf(z).</summary>
    public double Amplitude { get; }

    public Diffusivity Diffusivity { get; }

    /// <summary>Front position x*(t) = a + 2 z √t.</summary>
    public double Front(double t) => XMin + 2 * Z * Math.Sqrt(Math.Max(t, 0));

    public double Value(double x, double t)
    {
        double s = x - XMin;
        if (s <= 0)
        {
            return 1;
        }
        if (t <= 0 || s > 2 * Z * Math.Sqrt(t))
        {
            return 0;
        }
        return 1 - Amplitude * SpecialFunctions.Erf(s / (2 * Math.Sqrt(t)));
    }

    /// <summary>∫_a^∞ u(x, t) dx = 2 (1 − u*)/erf(z) √(t/π) (all supplied through x = a).</summary>
    public double Mass(double t) => t <= 0 ? 0 : 2 * Amplitude * Math.Sqrt(t / Math.PI);

    /// <summary>Root z &gt; 0 of √π u* z e^{z²} erf(z) − (1 − u*) (monotone increasing in z), by bisection then Newton.</summary>
    public static double SolveFrontConstant(double uStar)
    {
        double F(double z) => Math.Sqrt(Math.PI) * uStar * z * Math.Exp(z * z) * SpecialFunctions.Erf(z) - (1 - uStar);
        double lo = 0, hi = 1;
        while (F(hi) < 0)
        {
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (F(mid) < 0)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}
