using NeuralPDE.Core.Geometry;
using NeuralPDE.Core.Specs;

namespace NeuralPDE.Core.Families.Poisson;

/// <summary>
/// −Δu = f in the star-shaped domain r(θ) = r0 (1 + c1 cos 4θ + c2 cos 8θ) (centred at the origin), u = g on the
/// boundary, after the walk-on-spheres operator-learning benchmark (WoS-NO, Viswanath et al. 2025/2026):
/// <code>f(x) = Σ_k A_k exp(−|x − c_k|² / (2 w_k²)),   g(θ) = a_0 + Σ_{k≥1} (a_k cos kθ + b_k sin kθ),</code>
/// with θ the polar angle of the boundary point. Output on the square [−L, L]² (L = <c>halfWidth</c>) with a mask.
/// Spec <c>problems/poisson-star.json</c> (variant <c>star</c>).
/// </summary>
public sealed record StarPoissonProblem(
    double R0, double C1, double C2, double HalfWidth,
    double[] Amplitudes, double[] CentersX, double[] CentersY, double[] Widths,
    double[] BoundaryCos, double[] BoundarySin)
{
    public static StarPoissonProblem FromSpec(ProblemSpec spec)
    {
        double r0 = spec.Number("parameters.r0", min: 0, exclusiveMin: true);
        double c1 = spec.Number("parameters.c1");
        double c2 = spec.Number("parameters.c2");
        double rMin = StarDomain.MinimumRadius(r0, c1, c2);
        if (!(rMin > 0.02 * r0))
        {
            throw new SpecException(spec.Name, "parameters.c1",
                FormattableString.Invariant($"the star radius r(θ) = r0 (1 + c1 cos 4θ + c2 cos 8θ) must stay positive (min r >= 0.02 r0), but with c1={c1}, c2={c2} its minimum is {rMin:G4}; use |c1| + |c2| < 1"));
        }
        double rMax = r0 * (1 + Math.Abs(c1) + Math.Abs(c2));
        double half = spec.Number("parameters.halfWidth", min: 0, exclusiveMin: true);
        if (half <= rMax)
        {
            throw new SpecException(spec.Name, "parameters.halfWidth",
                FormattableString.Invariant($"the output square [-L, L]^2 must contain the star: expected L > r0 (1 + |c1| + |c2|) = {rMax:G6}, got {half}"));
        }
        double[] amp = spec.Numbers("parameters.amplitudes");
        int m = amp.Length;
        double[] cx = spec.Numbers("parameters.centersX", m);
        double[] cy = spec.Numbers("parameters.centersY", m);
        double[] w = spec.Numbers("parameters.widths", m);
        for (int k = 0; k < m; k++)
        {
            if (!(w[k] > 0))
            {
                throw new SpecException(spec.Name, $"parameters.widths[{k}]", FormattableString.Invariant($"expected a number > 0, got {w[k]}"));
            }
        }
        double[] bc = spec.Numbers("parameters.boundaryCos");
        if (bc.Length == 0)
        {
            throw new SpecException(spec.Name, "parameters.boundaryCos", "expected at least one coefficient (a_0)");
        }
        double[] bs = spec.Numbers("parameters.boundarySin", bc.Length - 1);
        return new StarPoissonProblem(r0, c1, c2, half, amp, cx, cy, w, bc, bs);
    }

    public StarDomain Domain() => new(R0, C1, C2);

    /// <summary>The sum of Gaussian bumps.</summary>
    public double Source(double x, double y)
    {
        double s = 0;
        for (int k = 0; k < Amplitudes.Length; k++)
        {
            double dx = x - CentersX[k], dy = y - CentersY[k];
            s += Amplitudes[k] * Math.Exp(-(dx * dx + dy * dy) / (2 * Widths[k] * Widths[k]));
        }
        return s;
    }

    /// <summary>g at the boundary point (x, y): the Fourier series in its polar angle.</summary>
    public double Boundary(double x, double y)
    {
        double theta = Math.Atan2(y, x);
        double s = BoundaryCos[0];
        for (int k = 1; k < BoundaryCos.Length; k++)
        {
            s += BoundaryCos[k] * Math.Cos(k * theta) + BoundarySin[k - 1] * Math.Sin(k * theta);
        }
        return s;
    }
}
