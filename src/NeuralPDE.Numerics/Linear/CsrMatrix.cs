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
        Size = size;
        RowPointers = rowPointers;
        ColumnIndices = columnIndices;
        Values = values;
    }

    public int Size { get; }

    public int[] RowPointers { get; }

    public int[] ColumnIndices { get; }

    public double[] Values { get; }

    public int NonZeros => Values.Length;

    /// <summary>y = A x.</summary>
    public void Multiply(ReadOnlySpan<double> x, Span<double> y)
    {
        if (x.Length != Size || y.Length != Size)
        {
            throw new ArgumentException($"SpMV shape mismatch: matrix {Size}x{Size}, x {x.Length}, y {y.Length}");
        }
        int[] rp = RowPointers;
        int[] ci = ColumnIndices;
        double[] v = Values;
        for (int i = 0; i < Size; i++)
        {
            double s = 0;
            for (int k = rp[i]; k < rp[i + 1]; k++)
            {
                s += v[k] * x[ci[k]];
            }
            y[i] = s;
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
