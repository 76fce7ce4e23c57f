namespace NeuralPDE.Core.Random;

/// <summary>
/// A sample of the Gaussian random field N(0, τ^{2α−2} (−Δ + τ² I)^{−α}) on [0, 1]² with zero Neumann boundary
/// conditions on the Laplacian (the FNO Darcy benchmark uses α = 2, τ = 3), through its Karhunen–Loève expansion
/// in the Neumann eigenfunctions φ_k(x) = √2 cos(kπx) (φ_0 = 1):
/// <code>u(x, y) = τ^{α−1} Σ_{0 ≤ k1, k2 &lt; K, (k1, k2) ≠ (0, 0)} ξ_{k1 k2} (π²(k1² + k2²) + τ²)^{−α/2} φ_{k1}(x) φ_{k2}(y)</code>
/// with ξ i.i.d. standard normal, drawn in the order k1 outer, k2 inner (ξ_00 is drawn and discarded, so the field
/// has mean zero as in the FNO data). The series is truncated at K modes per direction, independently of any grid,
/// so one seed gives the same continuous field at every resolution.
/// </summary>
public sealed class CosineGaussianRandomField
{
    private readonly double[] _coefficients;

    private CosineGaussianRandomField(double alpha, double tau, int modes, double[] coefficients)
    {
        Alpha = alpha;
        Tau = tau;
        Modes = modes;
        _coefficients = coefficients;
    }

    public double Alpha { get; }

    public double Tau { get; }

    /// <summary>K: modes per direction.</summary>
    public int Modes { get; }

    /// <summary>Draws a field from <paramref name="rng"/> (K² normal deviates).</summary>
    public static CosineGaussianRandomField Sample(double alpha, double tau, int modes, Xoshiro256StarStar rng)
    {
        if (!(alpha > 0) || !(tau > 0) || modes < 2)
        {
            throw new ArgumentException($"GRF needs alpha > 0, tau > 0, modes >= 2; got alpha={alpha}, tau={tau}, modes={modes}");
        }
        var c = new double[modes * modes];
        double scale = Math.Pow(tau, alpha - 1);
        for (int k1 = 0; k1 < modes; k1++)
        {
            for (int k2 = 0; k2 < modes; k2++)
            {
                double xi = rng.NextGaussian();
                if (k1 == 0 && k2 == 0)
                {
                    continue;
                }
                double lambda = Math.PI * Math.PI * (k1 * k1 + k2 * k2) + tau * tau;
                double norm = (k1 == 0 ? 1 : Math.Sqrt(2)) * (k2 == 0 ? 1 : Math.Sqrt(2));
                c[k1 * modes + k2] = scale * xi * Math.Pow(lambda, -alpha / 2) * norm;
            }
        }
        return new CosineGaussianRandomField(alpha, tau, modes, c);
    }

    /// <summary>The field at one point.</summary>
    public double Evaluate(double x, double y)
    {
        double s = 0;
        for (int k1 = 0; k1 < Modes; k1++)
        {
            double cx = Math.Cos(k1 * Math.PI * x);
            for (int k2 = 0; k2 < Modes; k2++)
            {
                s += _coefficients[k1 * Modes + k2] * cx * Math.Cos(k2 * Math.PI * y);
            }
        }
        return s;
    }

    /// <summary>The field on a tensor grid, row-major [x, y] (separable evaluation, O(K n² + K² n)).</summary>
    public double[] Evaluate(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        int nx = xs.Count, ny = ys.Count, k = Modes;
        var cosY = new double[k * ny];
        for (int k2 = 0; k2 < k; k2++)
        {
            for (int j = 0; j < ny; j++)
            {
                cosY[k2 * ny + j] = Math.Cos(k2 * Math.PI * ys[j]);
            }
        }
        // t[k1, j] = Σ_k2 c[k1, k2] cos(k2 π y_j)
        var t = new double[k * ny];
        for (int k1 = 0; k1 < k; k1++)
        {
            for (int k2 = 0; k2 < k; k2++)
            {
                double c = _coefficients[k1 * k + k2];
                if (c == 0)
                {
                    continue;
                }
                for (int j = 0; j < ny; j++)
                {
                    t[k1 * ny + j] += c * cosY[k2 * ny + j];
                }
            }
        }
        var u = new double[nx * ny];
        for (int i = 0; i < nx; i++)
        {
            for (int k1 = 0; k1 < k; k1++)
            {
                double cx = Math.Cos(k1 * Math.PI * xs[i]);
                for (int j = 0; j < ny; j++)
                {
                    u[i * ny + j] += cx * t[k1 * ny + j];
                }
            }
        }
        return u;
    }
}
