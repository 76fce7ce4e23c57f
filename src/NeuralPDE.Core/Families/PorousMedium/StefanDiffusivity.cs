using System.Globalization;

namespace NeuralPDE.Core.Families.PorousMedium;

/// <summary>
/// The Stefan step k(u) = 1 for u &gt;= u*, 0 otherwise, optionally regularised over a width δ: k rises linearly
/// from 0 at u* − δ/2 to 1 at u* + δ/2 (δ = 0 gives the exact step). Φ(u) = ∫_0^u k is continuous and
/// piecewise linear/quadratic, so the Kirchhoff (enthalpy) form u_t = ΔΦ(u) is well posed even for δ = 0;
/// the regularisation only makes Φ continuously differentiable, which Newton's method needs.
/// </summary>
public sealed class StefanDiffusivity : Diffusivity
{
    public StefanDiffusivity(double uStar, double smoothing = 0)
    {
        if (!double.IsFinite(uStar))
        {
            throw new ArgumentOutOfRangeException(nameof(uStar), $"u* must be finite, got {uStar}");
        }
        if (!(smoothing >= 0) || !double.IsFinite(smoothing))
        {
            throw new ArgumentOutOfRangeException(nameof(smoothing), $"smoothing must be a finite number >= 0, got {smoothing}");
        }
        UStar = uStar;
        Smoothing = smoothing;
    }

    /// <summary>The threshold u*.</summary>
    public double UStar { get; }

    /// <summary>The regularisation width δ (0 = exact step).</summary>
    public double Smoothing { get; }

    public override double K(double u)
    {
        if (Smoothing == 0)
        {
            return u >= UStar ? 1 : 0;
        }
        double s = (u - (UStar - 0.5 * Smoothing)) / Smoothing;
        return s <= 0 ? 0 : s >= 1 ? 1 : s;
    }

    public override double DK(double u)
    {
        if (Smoothing == 0)
        {
            return 0;
        }
        double s = (u - (UStar - 0.5 * Smoothing)) / Smoothing;
        return s <= 0 || s >= 1 ? 0 : 1 / Smoothing;
    }

    public override double Potential(double u)
    {
        if (Smoothing == 0)
        {
            return Math.Max(u - UStar, 0);
        }
        double a = UStar - 0.5 * Smoothing;
        double s = (u - a) / Smoothing;
        if (s <= 0)
        {
            return 0;
        }
        // ∫_a^u k = δ s²/2 on the ramp, then δ/2 + (u − (u* + δ/2)) above it (= u − u*).
        return s >= 1 ? u - UStar : 0.5 * Smoothing * s * s;
    }

    public override string Describe() => Smoothing == 0
        ? $"H(u-{UStar.ToString("G6", CultureInfo.InvariantCulture)})"
        : $"H_δ(u-{UStar.ToString("G6", CultureInfo.InvariantCulture)}, δ={Smoothing.ToString("G3", CultureInfo.InvariantCulture)})";
}
