namespace NeuralPDE.Numerics.Linear;

/// <summary>
/// Symmetric successive over-relaxation: M = ω/(2−ω) · (D/ω + L) D⁻¹ (D/ω + U) with A = L + D + U, applied as a
/// forward and a backward sweep (z = M⁻¹ r). SPD when A is SPD and 0 &lt; ω &lt; 2, so it also serves CG.
/// </summary>
public sealed class SsorPreconditioner : IPreconditioner
{
    private readonly CsrMatrix _a;
    private readonly double[] _diagonal;
    private readonly int[] _diagonalIndex;
    private readonly double _omega;

    public SsorPreconditioner(CsrMatrix a, double omega = 1.0)
    {
        if (!(omega > 0 && omega < 2))
        {
            throw new ArgumentOutOfRangeException(nameof(omega), $"SSOR needs 0 < omega < 2, got {omega}");
        }
        _a = a;
        _omega = omega;
        int n = a.Size;
        _diagonal = new double[n];
        _diagonalIndex = new int[n];
        for (int i = 0; i < n; i++)
        {
            _diagonalIndex[i] = -1;
            for (int k = a.RowPointers[i]; k < a.RowPointers[i + 1]; k++)
            {
                if (a.ColumnIndices[k] == i)
                {
                    _diagonalIndex[i] = k;
                    _diagonal[i] = a.Values[k];
                }
            }
            if (_diagonal[i] == 0)
            {
                throw new InvalidOperationException($"SSOR: zero diagonal in row {i}");
            }
        }
    }

    /// <summary>Factory for ω = 1 (symmetric Gauss–Seidel).</summary>
    public static IPreconditionerFactory Factory { get; } = new SsorFactory(1.0);

    public static IPreconditionerFactory WithOmega(double omega) => new SsorFactory(omega);

    public void Apply(ReadOnlySpan<double> r, Span<double> z)
    {
        int n = _a.Size;
        int[] rp = _a.RowPointers, ci = _a.ColumnIndices;
        double[] v = _a.Values;
        double w = _omega;
        // forward: (D/ω + L) t = r
        for (int i = 0; i < n; i++)
        {
            double s = r[i];
            for (int k = rp[i]; k < _diagonalIndex[i]; k++)
            {
                s -= v[k] * z[ci[k]];
            }
            z[i] = s * w / _diagonal[i];
        }
        // backward: (D/ω + U) z = D t, then z *= (2 − ω)/ω
        for (int i = n - 1; i >= 0; i--)
        {
            double s = z[i] * _diagonal[i];
            for (int k = _diagonalIndex[i] + 1; k < rp[i + 1]; k++)
            {
                s -= v[k] * z[ci[k]];
            }
            z[i] = s * w / _diagonal[i];
        }
        double c = (2 - w) / w;
        if (c != 1)
        {
            for (int i = 0; i < n; i++)
            {
                z[i] *= c;
            }
        }
    }

    [ThreadStatic]
    private static double[]? _work;

    /// <summary>y = ω/(2−ω) (D/ω + L) D⁻¹ (D/ω + U) x (the intermediate vector is a per-thread buffer).</summary>
    public void Multiply(ReadOnlySpan<double> x, Span<double> y)
    {
        int n = _a.Size;
        int[] rp = _a.RowPointers, ci = _a.ColumnIndices;
        double[] v = _a.Values;
        double w = _omega;
        if (_work is null || _work.Length < n)
        {
            _work = new double[n];
        }
        double[] t = _work;
        for (int i = 0; i < n; i++)
        {
            double s = _diagonal[i] / w * x[i];
            for (int k = _diagonalIndex[i] + 1; k < rp[i + 1]; k++)
            {
                s += v[k] * x[ci[k]];
            }
            t[i] = s / _diagonal[i];
        }
        double c = w / (2 - w);
        for (int i = 0; i < n; i++)
        {
            double s = _diagonal[i] / w * t[i];
            for (int k = rp[i]; k < _diagonalIndex[i]; k++)
            {
                s += v[k] * t[ci[k]];
            }
            y[i] = c * s;
        }
    }

    private sealed class SsorFactory(double omega) : IPreconditionerFactory
    {
        public string Name => omega == 1 ? "ssor" : FormattableString.Invariant($"ssor({omega:G3})");

        public IPreconditioner Create(CsrMatrix a) => new SsorPreconditioner(a, omega);
    }
}
