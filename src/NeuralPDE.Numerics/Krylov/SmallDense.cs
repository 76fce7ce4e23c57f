namespace NeuralPDE.Numerics.Krylov;

/// <summary>Small dense kernels for the projected problems of GCRO-DR (sizes ~ m): products, Cholesky solve and a
/// Gram–Schmidt-twice thin QR. Plain loops on double[,]; at these sizes they are far cheaper than a general library call.</summary>
internal static class SmallDense
{
    /// <summary>Aᵀ B for A (r × p), B (r × q).</summary>
    public static double[,] TransposeTimes(double[,] a, double[,] b)
    {
        int r = a.GetLength(0), p = a.GetLength(1), q = b.GetLength(1);
        var c = new double[p, q];
        for (int k = 0; k < r; k++)
        {
            for (int i = 0; i < p; i++)
            {
                double aki = a[k, i];
                if (aki == 0)
                {
                    continue;
                }
                for (int j = 0; j < q; j++)
                {
                    c[i, j] += aki * b[k, j];
                }
            }
        }
        return c;
    }

    /// <summary>A B for A (r × p), B (p × q).</summary>
    public static double[,] Times(double[,] a, double[,] b)
    {
        int r = a.GetLength(0), p = a.GetLength(1), q = b.GetLength(1);
        var c = new double[r, q];
        for (int i = 0; i < r; i++)
        {
            for (int k = 0; k < p; k++)
            {
                double aik = a[i, k];
                if (aik == 0)
                {
                    continue;
                }
                for (int j = 0; j < q; j++)
                {
                    c[i, j] += aik * b[k, j];
                }
            }
        }
        return c;
    }

    /// <summary>Solves S X = B for SPD S by Cholesky; false if S is not (numerically) positive definite.</summary>
    public static bool CholeskySolve(double[,] s, double[,] b, out double[,] x)
    {
        int n = s.GetLength(0), q = b.GetLength(1);
        var l = new double[n, n];
        x = (double[,])b.Clone();
        for (int j = 0; j < n; j++)
        {
            double d = s[j, j];
            for (int k = 0; k < j; k++)
            {
                d -= l[j, k] * l[j, k];
            }
            if (!(d > 0))
            {
                return false;
            }
            l[j, j] = Math.Sqrt(d);
            for (int i = j + 1; i < n; i++)
            {
                double v = s[i, j];
                for (int k = 0; k < j; k++)
                {
                    v -= l[i, k] * l[j, k];
                }
                l[i, j] = v / l[j, j];
            }
        }
        for (int c = 0; c < q; c++)
        {
            for (int i = 0; i < n; i++)
            {
                double v = x[i, c];
                for (int k = 0; k < i; k++)
                {
                    v -= l[i, k] * x[k, c];
                }
                x[i, c] = v / l[i, i];
            }
            for (int i = n - 1; i >= 0; i--)
            {
                double v = x[i, c];
                for (int k = i + 1; k < n; k++)
                {
                    v -= l[k, i] * x[k, c];
                }
                x[i, c] = v / l[i, i];
            }
        }
        return true;
    }

    /// <summary>
    /// Thin QR of A (r × p) by Gram–Schmidt twice: Q (r × p') with orthonormal columns and upper-triangular R (p' × p'),
    /// A[:, kept] = Q R. Columns whose remaining norm is below 1e-10 of their original norm are dropped (kept lists
    /// the surviving column indices).
    /// </summary>
    public static (double[,] Q, double[,] R, int[] Kept) ThinQr(double[,] a)
    {
        int r = a.GetLength(0), p = a.GetLength(1);
        var q = new List<double[]>();
        var rCols = new List<double[]>();
        var kept = new List<int>();
        for (int j = 0; j < p; j++)
        {
            var v = new double[r];
            double original = 0;
            for (int i = 0; i < r; i++)
            {
                v[i] = a[i, j];
                original += v[i] * v[i];
            }
            original = Math.Sqrt(original);
            var coef = new double[q.Count + 1];
            for (int pass = 0; pass < 2; pass++)
            {
                for (int c = 0; c < q.Count; c++)
                {
                    double dot = 0;
                    double[] qc = q[c];
                    for (int i = 0; i < r; i++)
                    {
                        dot += qc[i] * v[i];
                    }
                    coef[c] += dot;
                    for (int i = 0; i < r; i++)
                    {
                        v[i] -= dot * qc[i];
                    }
                }
            }
            double norm = 0;
            for (int i = 0; i < r; i++)
            {
                norm += v[i] * v[i];
            }
            norm = Math.Sqrt(norm);
            if (!(norm > 1e-10 * original))
            {
                continue;
            }
            for (int i = 0; i < r; i++)
            {
                v[i] /= norm;
            }
            coef[q.Count] = norm;
            q.Add(v);
            rCols.Add(coef);
            kept.Add(j);
        }
        int k = q.Count;
        var qm = new double[r, k];
        var rm = new double[k, k];
        for (int c = 0; c < k; c++)
        {
            for (int i = 0; i < r; i++)
            {
                qm[i, c] = q[c][i];
            }
            for (int i = 0; i <= c; i++)
            {
                rm[i, c] = rCols[c][i];
            }
        }
        return (qm, rm, kept.ToArray());
    }

    /// <summary>X R⁻¹ for upper-triangular R (k × k) with nonzero diagonal; X is (r × k).</summary>
    public static double[,] TimesInverseUpper(double[,] x, double[,] rr)
    {
        int r = x.GetLength(0), k = rr.GetLength(0);
        var y = new double[r, k];
        for (int i = 0; i < r; i++)
        {
            for (int j = 0; j < k; j++)
            {
                double v = x[i, j];
                for (int l = 0; l < j; l++)
                {
                    v -= y[i, l] * rr[l, j];
                }
                y[i, j] = v / rr[j, j];
            }
        }
        return y;
    }
}
