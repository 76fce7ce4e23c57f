using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace NeuralPDE.Numerics.Krylov;

/// <summary>
/// Harmonic Ritz vectors for the GCRO-DR recycle space (Parks et al. 2006, eq. 2.13): the generalized eigenproblem
/// Gᵀ G z = θ Gᵀ (Ŵ_{p+1}ᵀ Ŵ_p) z on the small p × p projected problem. Gᵀ G is SPD, so it is solved as the standard
/// problem (GᵀG)⁻¹ (GᵀWᵀŴ) z = μ z with μ = 1/θ, keeping the eigenvectors of the largest |μ| (smallest |θ|:
/// the approximate eigenvectors of A near the origin, whose deflation speeds up convergence). Complex conjugate pairs
/// contribute their real and imaginary parts together (a real basis of the same span). The eigen-decomposition is
/// MathNet.Numerics' (real Schur form, eigenvector pairs stored as real and imaginary columns); the rest is
/// <see cref="SmallDense"/>.
/// </summary>
public static class HarmonicRitz
{
    /// <summary>
    /// Returns an orthonormal p × k' basis (k' ≤ <paramref name="count"/>) of the harmonic Ritz vectors of smallest
    /// harmonic Ritz value magnitude. <paramref name="g"/> is (p+1) × p, <paramref name="wtw"/> is (p+1) × p.
    /// </summary>
    public static double[,] Smallest(double[,] g, double[,] wtw, int count)
    {
        int p = g.GetLength(1);
        count = Math.Min(count, p);
        double[,] gtg = SmallDense.TransposeTimes(g, g);
        double[,] rhs = SmallDense.TransposeTimes(g, wtw);
        Matrix<double> m;
        if (SmallDense.CholeskySolve(gtg, rhs, out double[,] solved))
        {
            m = Matrix<double>.Build.DenseOfArray(solved);
        }
        else
        {
            m = Matrix<double>.Build.DenseOfArray(gtg).Solve(Matrix<double>.Build.DenseOfArray(rhs));
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
        var basis = new double[p, chosen.Count];
        for (int r = 0; r < p; r++)
        {
            for (int c = 0; c < chosen.Count; c++)
            {
                basis[r, c] = vectors[r, chosen[c]];
            }
        }
        return SmallDense.ThinQr(basis).Q;
    }
}
