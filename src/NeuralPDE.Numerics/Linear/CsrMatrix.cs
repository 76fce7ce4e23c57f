namespace NeuralPDE.Numerics.Linear;

/// <summary>
/// Square sparse matrix in compressed sparse row form. Built with <see cref="CsrBuilder"/>.
/// Column indices are sorted within each row and duplicates summed.
/// </summary>
public sealed class CsrMatrix
{
    public CsrMatrix(int size, int[] rowPointers, int[] columnIndices, double[] values)
    {
        if (rowPointers.Length != size + 1 || columnIndices.Length != values.Length || rowPointers[size] != values.Length)
        {
            throw new ArgumentException($"inconsistent CSR arrays: size {size}, rowPointers {rowPointers.Length}, columns {columnIndices.Length}, values {values.Length}");
        }
        for (int k = 0; k < columnIndices.Length; k++)
        {
            if ((uint)columnIndices[k] >= (uint)size)
            {
                throw new ArgumentException($"CSR column index {columnIndices[k]} outside a square {size}x{size} matrix (non-square data?)");
            }
        }
        Size = size;
        RowPointers = rowPointers;
        ColumnIndices = columnIndices;
        Values = values;
    }

    /// <summary>A CSR copy of the nonzeros of a dense square matrix; throws <see cref="ArgumentException"/> if it is not square.</summary>
    public static CsrMatrix FromDense(double[,] dense)
    {
        ArgumentNullException.ThrowIfNull(dense);
        LinearSystemChecks.RequireSquare(dense.GetLength(0), dense.GetLength(1));
        int n = dense.GetLength(0);
        var rp = new int[n + 1];
        var cols = new List<int>();
        var vals = new List<double>();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (dense[i, j] != 0 || double.IsNaN(dense[i, j]))
                {
                    cols.Add(j);
                    vals.Add(dense[i, j]);
                }
            }
            rp[i + 1] = cols.Count;
        }
        return new CsrMatrix(n, rp, cols.ToArray(), vals.ToArray());
    }

    public int Size { get; }

    public int[] RowPointers { get; }

    public int[] ColumnIndices { get; }

    public double[] Values { get; }

    public int NonZeros => Values.Length;

    /// <summary>Rows above which <see cref="Multiply(ReadOnlySpan{double}, Span{double})"/> splits the rows into parallel blocks.</summary>
    public const int ParallelThreshold = 200_000;

    /// <summary>y = A x (row blocks in parallel when <see cref="Size"/> ≥ <see cref="ParallelThreshold"/>).</summary>
    public void Multiply(ReadOnlySpan<double> x, Span<double> y)
    {
        if (x.Length != Size || y.Length != Size)
        {
            throw new ArgumentException($"SpMV shape mismatch: matrix {Size}x{Size}, x {x.Length}, y {y.Length}");
        }
        if (Size >= ParallelThreshold && Environment.ProcessorCount > 1)
        {
            MultiplyParallel(x, y);
            return;
        }
        MultiplyRows(x, y, 0, Size);
    }

    private unsafe void MultiplyParallel(ReadOnlySpan<double> x, Span<double> y)
    {
        fixed (double* px = x, py = y)
        {
            nint ax = (nint)px, ay = (nint)py;
            int blocks = Math.Min(Environment.ProcessorCount * 4, Size / 16_384 + 1);
            int per = (Size + blocks - 1) / blocks;
            Parallel.For(0, blocks, b =>
            {
                int start = b * per, end = Math.Min(Size, start + per);
                if (start < end)
                {
                    MultiplyRows(new ReadOnlySpan<double>((double*)ax, Size), new Span<double>((double*)ay, Size), start, end);
                }
            });
        }
    }

    private unsafe void MultiplyRows(ReadOnlySpan<double> x, Span<double> y, int start, int end)
    {
        fixed (int* rp = RowPointers, ci = ColumnIndices)
        fixed (double* v = Values, px = x, py = y)
        {
            for (int i = start; i < end; i++)
            {
                int k = rp[i], stop = rp[i + 1];
                double s0 = 0, s1 = 0;
                for (; k + 1 < stop; k += 2)
                {
                    s0 += v[k] * px[ci[k]];
                    s1 += v[k + 1] * px[ci[k + 1]];
                }
                if (k < stop)
                {
                    s0 += v[k] * px[ci[k]];
                }
                py[i] = s0 + s1;
            }
        }
    }

    /// <summary>Throws an <see cref="ArgumentException"/> if a stored value is NaN or infinite.</summary>
    public void RequireFinite(string what = "matrix")
    {
        for (int k = 0; k < Values.Length; k++)
        {
            if (!double.IsFinite(Values[k]))
            {
                int row = Array.FindLastIndex(RowPointers, r => r <= k);
                throw new ArgumentException($"{what} has a non-finite entry {Values[k]} at ({row}, {ColumnIndices[k]})");
            }
        }
    }

    public double[] Multiply(ReadOnlySpan<double> x)
    {
        var y = new double[Size];
        Multiply(x, y);
        return y;
    }

    /// <summary>The diagonal (zero where a row has no diagonal entry).</summary>
    public double[] Diagonal()
    {
        var d = new double[Size];
        for (int i = 0; i < Size; i++)
        {
            for (int k = RowPointers[i]; k < RowPointers[i + 1]; k++)
            {
                if (ColumnIndices[k] == i)
                {
                    d[i] = Values[k];
                }
            }
        }
        return d;
    }

    /// <summary>Entry (i, j), zero if not stored.</summary>
    public double this[int i, int j]
    {
        get
        {
            int k = Array.BinarySearch(ColumnIndices, RowPointers[i], RowPointers[i + 1] - RowPointers[i], j);
            return k >= 0 ? Values[k] : 0;
        }
    }
}
