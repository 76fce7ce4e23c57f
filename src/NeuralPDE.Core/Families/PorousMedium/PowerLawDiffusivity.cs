using System.Globalization;

namespace NeuralPDE.Core.Families.PorousMedium;

/// <summary>
/// k(u) = |u|^m, m &gt; 0 (the porous medium equation u_t = div(u^m grad u) = Δ(u^(m+1))/(m+1) for u &gt;= 0);
/// Φ(u) = sign(u) |u|^(m+1)/(m+1). The odd extension to u &lt; 0 keeps Newton's Jacobian well defined when an
/// iterate undershoots slightly below zero near a front.
/// </summary>
public sealed class PowerLawDiffusivity : Diffusivity
{
    public PowerLawDiffusivity(double m)
    {
        if (!(m > 0) || !double.IsFinite(m))
        {
            throw new ArgumentOutOfRangeException(nameof(m), $"m must be a finite number > 0, got {m}");
        }
        M = m;
    }

    public double M { get; }

    public override double K(double u) => Math.Pow(Math.Abs(u), M);

    public override double DK(double u) => u == 0 ? 0 : Math.Sign(u) * M * Math.Pow(Math.Abs(u), M - 1);

    public override double Potential(double u) => Math.Sign(u) * Math.Pow(Math.Abs(u), M + 1) / (M + 1);

    public override string Describe() => "u^" + M.ToString("G6", CultureInfo.InvariantCulture);
}
