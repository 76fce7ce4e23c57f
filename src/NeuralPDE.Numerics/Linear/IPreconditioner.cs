namespace NeuralPDE.Numerics.Linear;

/// <summary>A preconditioner M built from a matrix: applies z = M⁻¹ r, and also M itself.</summary>
public interface IPreconditioner
{
    /// <summary>z = M⁻¹ r.</summary>
    void Apply(ReadOnlySpan<double> r, Span<double> z);

    /// <summary>y = M x. GCRO-DR uses it to carry its recycle space from one preconditioner to the next in solution
    /// space (U ← M_new M_old⁻¹ U), where neighbouring systems share it far better than in preconditioned space.</summary>
    void Multiply(ReadOnlySpan<double> x, Span<double> y);
}

/// <summary>Builds a preconditioner for a given matrix (so one solver object serves many systems).</summary>
public interface IPreconditionerFactory
{
    string Name { get; }

    IPreconditioner Create(CsrMatrix a);
}
