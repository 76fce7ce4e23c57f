namespace NeuralPDE.Numerics.Linear;

/// <summary>Thomas algorithm for tridiagonal systems (no pivoting; for diagonally dominant matrices).</summary>
public static class TridiagonalSolver
{
    /// <summary>Solves lower[i] x[i-1] + diag[i] x[i] + upper[i] x[i+1] = rhs[i]; lower[0] and upper[n-1] are ignored.</summary>
    public static void Solve(ReadOnlySpan<double> lower, ReadOnlySpan<double> diag, ReadOnlySpan<double> upper, ReadOnlySpan<double> rhs, Span<double> x)
    {
        int n = diag.Length;
        if (lower.Length != n || upper.Length != n || rhs.Length != n || x.Length != n)
        {
            throw new ArgumentException($"tridiagonal system: all arrays must have length {n}");
        }
        var c = new double[n];
        var d = new double[n];
        c[0] = upper[0] / diag[0];
        d[0] = rhs[0] / diag[0];
        for (int i = 1; i < n; i++)
        {
            double m = diag[i] - lower[i] * c[i - 1];
            c[i] = i < n - 1 ? upper[i] / m : 0;
            d[i] = (rhs[i] - lower[i] * d[i - 1]) / m;
        }
        x[n - 1] = d[n - 1];
        for (int i = n - 2; i >= 0; i--)
        {
            x[i] = d[i] - c[i] * x[i + 1];
        }
    }
}
