namespace NeuralPDE.Numerics.Linear;

/// <summary>
/// Wraps a preconditioner factory so that a sequence of solves with one matrix object builds its preconditioner once:
/// <see cref="Create"/> returns the previous preconditioner when it is asked for the same <see cref="CsrMatrix"/>
/// instance again, and builds a new one for any other matrix (as <see cref="Krylov.GcroDr"/> treats a repeated matrix
/// as unchanged). Serves one sequence at a time (not thread-safe); a matrix must not be changed in place between solves.
/// </summary>
public sealed class ReusedPreconditionerFactory(IPreconditionerFactory inner) : IPreconditionerFactory
{
    private readonly IPreconditionerFactory _inner = inner ?? throw new ArgumentNullException(nameof(inner));
    private CsrMatrix? _matrix;
    private IPreconditioner? _preconditioner;

    public string Name => _inner.Name;

    /// <summary>Preconditioners built so far (one per distinct matrix in a row).</summary>
    public int Built { get; private set; }

    public IPreconditioner Create(CsrMatrix a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (!ReferenceEquals(a, _matrix) || _preconditioner is null)
        {
            _preconditioner = _inner.Create(a);
            _matrix = a;
            Built++;
        }
        return _preconditioner;
    }
}
