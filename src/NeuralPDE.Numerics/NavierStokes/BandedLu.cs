using System.Numerics;
using System.Runtime.InteropServices;

namespace NeuralPDE.Numerics.NavierStokes;

/// <summary>
/// A square band matrix (kl sub-diagonals, ku super-diagonals) with an in-place LU factorisation
/// without pivoting (Doolittle, unit lower factor), A = L U with L and U inside the same band. Storage is
/// row-major within the band: entry (i, j), i - kl &lt;= j &lt;= i + ku, sits at i·W + (j - i + kl), W = kl + ku + 1,
/// so each elimination step is a contiguous AXPY (vectorised). Cost O(n·kl·ku) flops and n·W doubles.
/// Intended for the coupled finite-difference Jacobians of 2-D problems (bandwidth ~ 2 × points per line),
/// whose leading minors are non-singular (diagonal blocks dominated by discrete Laplacians); a zero or
/// tiny pivot is reported rather than pivoted around.
/// </summary>
public sealed class BandedLu
{
    private readonly double[] _a;
    private bool _factored;

    public BandedLu(int size, int lower, int upper)
    {
        if (size <= 0 || lower < 0 || upper < 0)
        {
            throw new ArgumentException($"band matrix: need size > 0 and bandwidths >= 0, got {size}, {lower}, {upper}");
        }
        Size = size;
        Lower = lower;
        Upper = upper;
        Width = lower + upper + 1;
        _a = new double[checked((long)size * Width) <= Array.MaxLength ? size * Width : throw new ArgumentException($"band matrix too large: {size} x {Width}")];
    }

    public int Size { get; }

    public int Lower { get; }

    public int Upper { get; }

    public int Width { get; }

    /// <summary>Adds <paramref name="value"/> to entry (i, j), which must lie inside the band.</summary>
    public void Add(int i, int j, double value)
    {
        int d = j - i;
        if ((uint)i >= (uint)Size || (uint)j >= (uint)Size || d < -Lower || d > Upper)
        {
            throw new ArgumentOutOfRangeException(nameof(j), $"entry ({i}, {j}) is outside the band [-{Lower}, {Upper}] of a {Size}x{Size} matrix");
        }
        _a[i * Width + d + Lower] += value;
        _factored = false;
    }

    /// <summary>Sets every entry to zero (reuses the storage for the next matrix).</summary>
    public void Clear()
    {
        Array.Clear(_a);
        _factored = false;
    }

    /// <summary>y = A x (only before <see cref="Factor"/>).</summary>
    public void Multiply(ReadOnlySpan<double> x, Span<double> y)
    {
        if (_factored)
        {
            throw new InvalidOperationException("the matrix has been overwritten by its LU factors");
        }
        for (int i = 0; i < Size; i++)
        {
            int j0 = Math.Max(0, i - Lower);
            int j1 = Math.Min(Size - 1, i + Upper);
            double s = 0;
            int row = i * Width + Lower - i;
            for (int j = j0; j <= j1; j++)
            {
                s += _a[row + j] * x[j];
            }
            y[i] = s;
        }
    }

    /// <summary>Overwrites the matrix with its LU factors. Throws when a pivot is zero or not finite.</summary>
    public void Factor()
    {
        int n = Size;
        int w = Width;
        int kl = Lower;
        int ku = Upper;
        double[] a = _a;
        double scale = 0;
        foreach (double v in a)
        {
            scale = Math.Max(scale, Math.Abs(v));
        }
        double tiny = scale * 1e-14;
        for (int k = 0; k < n; k++)
        {
            double pivot = a[k * w + kl];
            if (!(Math.Abs(pivot) > tiny) || !double.IsFinite(pivot))
            {
                throw new InvalidOperationException($"banded LU: pivot {pivot:G3} at row {k} of {n} (singular or needs pivoting)");
            }
            int len = Math.Min(ku, n - 1 - k);
            if (len == 0)
            {
                continue;
            }
            ReadOnlySpan<double> pivotRow = a.AsSpan(k * w + kl + 1, len);
            int iEnd = Math.Min(n - 1, k + kl);
            for (int i = k + 1; i <= iEnd; i++)
            {
                int ik = i * w + (k - i + kl);
                double l = a[ik];
                if (l == 0)
                {
                    continue;
                }
                l /= pivot;
                a[ik] = l;
                Axpy(-l, pivotRow, a.AsSpan(ik + 1, len));
            }
        }
        _factored = true;
    }

    /// <summary>Solves A x = b with the factors (after <see cref="Factor"/>); b and x may be the same span.</summary>
    public void Solve(ReadOnlySpan<double> b, Span<double> x)
    {
        if (!_factored)
        {
            throw new InvalidOperationException("call Factor() before Solve()");
        }
        if (b.Length != Size || x.Length != Size)
        {
            throw new ArgumentException($"banded solve: expected vectors of length {Size}, got {b.Length} and {x.Length}");
        }
        int n = Size;
        int w = Width;
        int kl = Lower;
        double[] a = _a;
        if (!b.Overlaps(x))
        {
            b.CopyTo(x);
        }
        for (int i = 0; i < n; i++)
        {
            int j0 = Math.Max(0, i - kl);
            double s = x[i];
            int row = i * w + kl - i;
            for (int j = j0; j < i; j++)
            {
                s -= a[row + j] * x[j];
            }
            x[i] = s;
        }
        for (int i = n - 1; i >= 0; i--)
        {
            int j1 = Math.Min(n - 1, i + Upper);
            double s = x[i];
            int row = i * w + kl - i;
            for (int j = i + 1; j <= j1; j++)
            {
                s -= a[row + j] * x[j];
            }
            x[i] = s / a[row + i];
        }
    }

    /// <summary>y += alpha x, vectorised.</summary>
    private static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            ReadOnlySpan<Vector<double>> xv = MemoryMarshal.Cast<double, Vector<double>>(x);
            Span<Vector<double>> yv = MemoryMarshal.Cast<double, Vector<double>>(y);
            var av = new Vector<double>(alpha);
            for (int k = 0; k < xv.Length; k++)
            {
                yv[k] += av * xv[k];
            }
            i = xv.Length * Vector<double>.Count;
        }
        for (; i < x.Length; i++)
        {
            y[i] += alpha * x[i];
        }
    }
}
