namespace NeuralPDE.Numerics.Linear;

/// <summary>How Arnoldi orthogonalises a new vector against the basis.</summary>
public enum Orthogonalization
{
    /// <summary>Modified Gram–Schmidt, one vector at a time, with a second pass when the norm drops by more than 1/√2.</summary>
    ModifiedGramSchmidt,

    /// <summary>Classical Gram–Schmidt with fused multi-vector kernels and the DGKS second pass
    /// (repeat once when the norm drops by more than 1/√2): "twice is enough".</summary>
    ClassicalTwice,
}

/// <summary>The Arnoldi orthogonalisation step shared by GMRES and GCRO-DR.</summary>
public static class Orthogonalizer
{
    private const double Eta = 0.7071067811865476;

    /// <summary>
    /// Orthogonalises <paramref name="w"/> against the orthonormal vectors basis[0..count), writing the projection
    /// coefficients to <paramref name="h"/>[0..count) and returning ||w|| afterwards. <paramref name="scratch"/> needs
    /// <paramref name="count"/> entries.
    /// </summary>
    public static double Orthogonalize(IReadOnlyList<double[]> basis, int count, Span<double> w, Span<double> h, Span<double> scratch, Orthogonalization mode)
    {
        double before = VectorOps.Norm(w);
        if (mode == Orthogonalization.ModifiedGramSchmidt)
        {
            for (int i = 0; i < count; i++)
            {
                double c = VectorOps.Dot(w, basis[i]);
                h[i] = c;
                VectorOps.Axpy(-c, basis[i], w);
            }
            double after = VectorOps.Norm(w);
            if (after < Eta * before)
            {
                for (int i = 0; i < count; i++)
                {
                    double c = VectorOps.Dot(w, basis[i]);
                    h[i] += c;
                    VectorOps.Axpy(-c, basis[i], w);
                }
                after = VectorOps.Norm(w);
            }
            return after;
        }
        VectorOps.MultiDot(basis, count, w, h);
        VectorOps.MultiAxpy(basis, count, h[..count], w);
        double norm = VectorOps.Norm(w);
        if (norm < Eta * before)
        {
            VectorOps.MultiDot(basis, count, w, scratch);
            VectorOps.MultiAxpy(basis, count, scratch[..count], w);
            for (int i = 0; i < count; i++)
            {
                h[i] += scratch[i];
            }
            norm = VectorOps.Norm(w);
        }
        return norm;
    }
}
