namespace NeuralPDE.Numerics.Linear;

/// <summary>
/// Incomplete LU factorisation with the sparsity pattern of A (ILU(0)): M = L U with L unit lower triangular, and
/// (L U)ᵢⱼ = aᵢⱼ wherever aᵢⱼ ≠ 0. The factors share A's row pointers and column indices; the triangular sweeps
/// multiply by the stored reciprocal pivots, so no division sits on the sweep's dependency chain.
/// </summary>
public sealed class Ilu0Preconditioner : IPreconditioner
{
    private readonly CsrMatrix _a;
    private readonly double[] _lu;
    private readonly int[] _diag;
    private readonly double[] _inversePivot;

    public Ilu0Preconditioner(CsrMatrix a)
    {
        _a = a;
        int n = a.Size;
        int[] rp = a.RowPointers, ci = a.ColumnIndices;
        _lu = (double[])a.Values.Clone();
        _diag = new int[n];
        _inversePivot = new double[n];
        var position = new int[n];
        Array.Fill(position, -1);
        for (int i = 0; i < n; i++)
        {
            _diag[i] = -1;
            for (int k = rp[i]; k < rp[i + 1]; k++)
            {
                position[ci[k]] = k;
                if (ci[k] == i)
                {
                    _diag[i] = k;
                }
            }
            if (_diag[i] < 0)
            {
                throw new InvalidOperationException($"ILU(0): row {i} has no diagonal entry");
            }
            for (int k = rp[i]; k < rp[i + 1] && ci[k] < i; k++)
            {
                int j = ci[k];
                double factor = _lu[k] * _inversePivot[j];
                _lu[k] = factor;
                for (int m = _diag[j] + 1; m < rp[j + 1]; m++)
                {
                    int p = position[ci[m]];
                    if (p >= 0)
                    {
                        _lu[p] -= factor * _lu[m];
                    }
                }
            }
            if (_lu[_diag[i]] == 0)
            {
                throw new InvalidOperationException($"ILU(0): zero pivot in row {i}");
            }
            _inversePivot[i] = 1 / _lu[_diag[i]];
            for (int k = rp[i]; k < rp[i + 1]; k++)
            {
                position[ci[k]] = -1;
            }
        }
    }

    public static IPreconditionerFactory Factory { get; } = new Ilu0Factory();

    /// <summary>z = U⁻¹ L⁻¹ r (forward then backward sweep).</summary>
    public void Apply(ReadOnlySpan<double> r, Span<double> z)
    {
        int n = _a.Size;
        int[] rp = _a.RowPointers, ci = _a.ColumnIndices;
        double[] lu = _lu;
        int[] diag = _diag;
        for (int i = 0; i < n; i++)
        {
            double s = r[i];
            for (int k = rp[i]; k < diag[i]; k++)
            {
                s -= lu[k] * z[ci[k]];
            }
            z[i] = s;
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double s = z[i];
            for (int k = diag[i] + 1; k < rp[i + 1]; k++)
            {
                s -= lu[k] * z[ci[k]];
            }
            z[i] = s * _inversePivot[i];
        }
    }

    [ThreadStatic]
    private static double[]? _work;

    /// <summary>y = L U x.</summary>
    public void Multiply(ReadOnlySpan<double> x, Span<double> y)
    {
        int n = _a.Size;
        int[] rp = _a.RowPointers, ci = _a.ColumnIndices;
        if (_work is null || _work.Length < n)
        {
            _work = new double[n];
        }
        double[] t = _work;
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int k = _diag[i]; k < rp[i + 1]; k++)
            {
                s += _lu[k] * x[ci[k]];
            }
            t[i] = s;
        }
        for (int i = 0; i < n; i++)
        {
            double s = t[i];
            for (int k = rp[i]; k < _diag[i]; k++)
            {
                s += _lu[k] * t[ci[k]];
            }
            y[i] = s;
        }
    }

    private sealed class Ilu0Factory : IPreconditionerFactory
    {
        public string Name => "ilu0";

        public IPreconditioner Create(CsrMatrix a) => new Ilu0Preconditioner(a);
    }
}
