namespace NeuralPDE.Numerics.Linear;

/// <summary>Input validation shared by the iterative solvers: shapes agree, and A, b, x₀ hold only finite numbers.
/// Failures are one-line <see cref="ArgumentException"/>s.</summary>
public static class LinearSystemChecks
{
    public static void Validate(CsrMatrix a, ReadOnlySpan<double> b, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (b.Length != a.Size)
        {
            throw new ArgumentException($"right-hand side has length {b.Length}, but the matrix is {a.Size}x{a.Size}");
        }
        if (x.Length != a.Size)
        {
            throw new ArgumentException($"solution vector has length {x.Length}, but the matrix is {a.Size}x{a.Size}");
        }
        a.RequireFinite();
        VectorOps.RequireFinite(b, "right-hand side");
        VectorOps.RequireFinite(x, "initial guess");
    }

    /// <summary>Rejects a non-square matrix given by its row/column counts (for builders of dense or external data).</summary>
    public static void RequireSquare(int rows, int columns)
    {
        if (rows != columns)
        {
            throw new ArgumentException($"matrix must be square, got {rows}x{columns}");
        }
    }
}
