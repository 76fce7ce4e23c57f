namespace NeuralPDE.Numerics.Spectral;

/// <summary>
/// Chebyshev collocation on the Gauss–Lobatto points xi_j = cos(pi j / n), j = 0..n (from +1 down to -1):
/// the first-derivative matrix of the degree-n polynomial interpolant and barycentric interpolation
/// (weights (-1)^j, halved at both ends), which is stable for evaluating the interpolant anywhere in [-1, 1].
/// </summary>
public static class ChebyshevCollocation
{
    /// <summary>The n + 1 Gauss–Lobatto points cos(pi j / n), computed as sin(pi (n - 2j) / (2n)) so that they
    /// are exactly antisymmetric.</summary>
    public static double[] LobattoPoints(int n)
    {
        CheckDegree(n);
        var xi = new double[n + 1];
        for (int j = 0; j <= n; j++)
        {
            xi[j] = Math.Sin(Math.PI * (n - 2 * j) / (2.0 * n));
        }
        return xi;
    }

    /// <summary>
    /// The (n+1) x (n+1) differentiation matrix D (row-major): (D f)_i is the derivative at xi_i of the
    /// polynomial interpolating f_j at the Lobatto points. Off-diagonal entries are c_i / c_j (-1)^(i+j) / (xi_i - xi_j)
    /// with c_0 = c_n = 2, c_j = 1 otherwise; differences are formed with the sine identity
    /// xi_i - xi_j = 2 sin(pi (j + i) / 2n) sin(pi (j - i) / 2n) to avoid cancellation, and each diagonal entry is
    /// minus the sum of its row's off-diagonal entries (so D annihilates constants exactly).
    /// </summary>
    public static double[] DifferentiationMatrix(int n)
    {
        CheckDegree(n);
        int m = n + 1;
        var d = new double[m * m];
        for (int i = 0; i < m; i++)
        {
            double ci = i == 0 || i == n ? 2.0 : 1.0;
            double sum = 0;
            for (int j = 0; j < m; j++)
            {
                if (i == j)
                {
                    continue;
                }
                double cj = j == 0 || j == n ? 2.0 : 1.0;
                double diff = 2.0 * Math.Sin(Math.PI * (j + i) / (2.0 * n)) * Math.Sin(Math.PI * (j - i) / (2.0 * n));
                double sign = ((i + j) & 1) == 0 ? 1.0 : -1.0;
                double value = ci / cj * sign / diff;
                d[i * m + j] = value;
                sum += value;
            }
            d[i * m + i] = -sum;
        }
        return d;
    }

    /// <summary>Barycentric weights of the Lobatto points: (-1)^j, halved for j = 0 and j = n.</summary>
    public static double[] BarycentricWeights(int n)
    {
        CheckDegree(n);
        var w = new double[n + 1];
        for (int j = 0; j <= n; j++)
        {
            w[j] = ((j & 1) == 0 ? 1.0 : -1.0) * (j == 0 || j == n ? 0.5 : 1.0);
        }
        return w;
    }

    /// <summary>
    /// The matrix P (row-major, targets.Length x (n+1)) with (P f)_q = p(targets[q]), p the polynomial interpolant
    /// of f at the Lobatto points, by the second (true) barycentric formula. Targets must lie in [-1, 1].
    /// </summary>
    public static double[] InterpolationMatrix(int n, ReadOnlySpan<double> targets)
    {
        double[] xi = LobattoPoints(n);
        double[] w = BarycentricWeights(n);
        int m = n + 1;
        var p = new double[targets.Length * m];
        for (int q = 0; q < targets.Length; q++)
        {
            double t = targets[q];
            if (!(t >= -1.0 - 1e-12 && t <= 1.0 + 1e-12))
            {
                throw new ArgumentOutOfRangeException(nameof(targets), t, "interpolation targets must lie in [-1, 1]");
            }
            int exact = Array.IndexOf(xi, t);
            if (exact >= 0)
            {
                p[q * m + exact] = 1.0;
                continue;
            }
            double sum = 0;
            for (int j = 0; j < m; j++)
            {
                double a = w[j] / (t - xi[j]);
                p[q * m + j] = a;
                sum += a;
            }
            for (int j = 0; j < m; j++)
            {
                p[q * m + j] /= sum;
            }
        }
        return p;
    }

    private static void CheckDegree(int n)
    {
        if (n < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "Chebyshev degree must be at least 1");
        }
    }
}
