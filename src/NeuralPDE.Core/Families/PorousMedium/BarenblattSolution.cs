namespace NeuralPDE.Core.Families.PorousMedium;

/// <summary>
/// Barenblatt (Zel'dovich–Kompaneets–Barenblatt) self-similar solution of u_t = div(u^m grad u) = Δ(u^(m+1))/(m+1)
/// in d dimensions: u(x, t) = t^(−α) (C − κ |x|² t^(−2β))_+^(1/m), with α = d/(d m + 2), β = α/d, κ = α m/(2 d).
/// Derivation: with u = t^(−α) F(η), η = |x| t^(−β), matching powers of t needs α(m+1) + 2β = α + 1, and mass
/// conservation needs α = d β; the radial ODE −β η^(1−d) (η^d F)' = η^(1−d) (η^(d−1) F^m F')' integrates once to
/// F^m F' = −β η F, i.e. (F^m)' = −m β η, so F^m = C − κ η² with κ = m β/2 = α m/(2 d).
/// (The often quoted κ = α m/(2 d (m+1)) belongs to u_t = Δ(u^(m+1)), which is this equation with time scaled by m+1.)
/// Support: |x| &lt;= R(t) = √(C/κ) t^β. Mass is conserved.
/// </summary>
public sealed class BarenblattSolution
{
    public BarenblattSolution(double m, int dimension, double c)
    {
        if (!(m > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(m), $"m must be > 0, got {m}");
        }
        if (dimension < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), $"dimension must be >= 1, got {dimension}");
        }
        if (!(c > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(c), $"C must be > 0, got {c}");
        }
        M = m;
        Dimension = dimension;
        C = c;
        Alpha = dimension / (dimension * m + 2);
        Beta = Alpha / dimension;
        Kappa = Alpha * m / (2.0 * dimension);
        Diffusivity = new PowerLawDiffusivity(m);
    }

    public double M { get; }

    public int Dimension { get; }

    public double C { get; }

    /// <summary>α = d/(d m + 2).</summary>
    public double Alpha { get; }

    /// <summary>β = α/d.</summary>
    public double Beta { get; }

    /// <summary>κ = α m/(2 d).</summary>
    public double Kappa { get; }

    public Diffusivity Diffusivity { get; }

    /// <summary>u at squared radius r² and time t &gt; 0.</summary>
    public double ValueAtRadiusSquared(double r2, double t)
    {
        double s = C - Kappa * r2 * Math.Pow(t, -2 * Beta);
        return s <= 0 ? 0 : Math.Pow(t, -Alpha) * Math.Pow(s, 1 / M);
    }

    /// <summary>u(x, y, t) in 2-D.</summary>
    public double Value(double x, double y, double t) => ValueAtRadiusSquared(x * x + y * y, t);

    /// <summary>u(x, t) in 1-D.</summary>
    public double Value(double x, double t) => ValueAtRadiusSquared(x * x, t);

    /// <summary>Front radius R(t) = √(C/κ) t^β.</summary>
    public double FrontRadius(double t) => Math.Sqrt(C / Kappa) * Math.Pow(t, Beta);

    /// <summary>Total mass ∫u dx (time independent) in 2-D: π C^(1+1/m) m / ((m+1) κ).</summary>
    public double Mass2D() => Math.PI * Math.Pow(C, 1 + 1 / M) * M / ((M + 1) * Kappa);
}
