namespace NeuralPDE.Numerics.Linear;

/// <summary>z = M^{-1} r for a preconditioner M built from a matrix.</summary>
public interface IPreconditioner
{
    void Apply(ReadOnlySpan<double> r, Span<double> z);
}

/// <summary>Builds a preconditioner for a given matrix (so one solver object serves many systems).</summary>
public interface IPreconditionerFactory
{
    string Name { get; }

    IPreconditioner Create(CsrMatrix a);
}
