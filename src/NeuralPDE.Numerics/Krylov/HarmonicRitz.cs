using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace NeuralPDE.Numerics.Krylov;

/// <summary>
/// Harmonic Ritz vectors for the GCRO-DR recycle space (Parks et al. 2006, eq. 2.13): the generalized eigenproblem
/// Gᵀ G z = θ Gᵀ (Ŵ_{p+1}ᵀ Ŵ_p) z on the small p × p projected problem. Gᵀ G is SPD, so it is solved as the standard
/// problem (GᵀG)⁻¹ (GᵀWᵀŴ) z = μ z with μ = 1/θ, keeping the eigenvectors of the largest |μ| (smallest |θ|:
/// the approximate eigenvectors of A near the origin, whose deflation speeds up convergence). Complex conjugate pairs
/// contribute their real and imaginary parts together (a real basis of the same span). Dense, via MathNet.Numerics.
/// </summary>
public static class HarmonicRitz
{
    /// <summary>
    /// Returns an orthonormal p × k' basis (k' ≤ <paramref name="count"/>) of the harmonic Ritz vectors of smallest
    /// harmonic Ritz value magnitude. <paramref name="g"/> is (p+1) × p, <paramref name="wtw"/> is (p+1) × p.
    /// </summary>
    public static Matrix<double> Smallest(Matrix<double> g, Matrix<double> wtw, int count)
    {
        int p = g.ColumnCount;
        count = Math.Min(count, p);
        Matrix<double> gtg = g.TransposeThisAndMultiply(g);
        Matrix<double> rhs = g.TransposeThisAndMultiply(wtw);
        Matrix<double> m;
        try
        {
            m = gtg.Cholesky().Solve(rhs);
        }
        catch (ArgumentException)
        {
            m = gtg.Solve(rhs);
        }
        Evd<double> evd = m.Evd(Symmetricity.Asymmetric);
        var values = evd.EigenValues;
        Matrix<double> vectors = evd.EigenVectors;
        var order = Enumerable.Range(0, p).OrderByDescending(i => values[i].Magnitude).ThenBy(i => i).ToArray();
        var chosen = new List<int>();
        var used = new bool[p];
        foreach (int i in order)
        {
            if (chosen.Count >= count)
            {
                break;
            }
            if (used[i])
            {
                continue;
            }
            double im = values[i].Imaginary;
            if (im == 0)
            {
                chosen.Add(i);
                used[i] = true;
                continue;
            }
            int first = im > 0 ? i : i - 1;
            if (first < 0 || first + 1 >= p)
            {
                used[i] = true;
                continue;
            }
            used[first] = used[first + 1] = true;
            if (chosen.Count + 2 <= count)
            {
                chosen.Add(first);
                chosen.Add(first + 1);
            }
        }
        if (chosen.Count == 0)
        {
            return Matrix<double>.Build.Dense(p, 0);
        }
        var basis = Matrix<double>.Build.Dense(p, chosen.Count, (r, c) => vectors[r, chosen[c]]);
        return Orthonormalize(basis);
    }

    /// <summary>Orthonormal basis of the columns (thin QR), dropping columns that are numerically dependent.</summary>
    public static Matrix<double> Orthonormalize(Matrix<double> a)
    {
        var qr = a.QR(QRMethod.Thin);
        Matrix<double> q = qr.Q, r = qr.R;
        double max = 0;
        for (int i = 0; i < r.ColumnCount; i++)
        {
            max = Math.Max(max, Math.Abs(r[i, i]));
        }
        var keep = Enumerable.Range(0, r.ColumnCount).Where(i => Math.Abs(r[i, i]) > 1e-10 * max).ToArray();
        if (keep.Length == r.ColumnCount)
        {
            return q;
        }
        return Matrix<double>.Build.Dense(q.RowCount, keep.Length, (i, c) => q[i, keep[c]]);
    }
}
