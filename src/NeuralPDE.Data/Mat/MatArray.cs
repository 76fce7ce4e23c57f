namespace NeuralPDE.Data.Mat;

/// <summary>
/// A numeric MATLAB array read from a MAT-file, converted to double precision. MATLAB stores arrays
/// in column-major (Fortran) order: element (i, j) of an m-by-n matrix is <c>Real[i + m * j]</c>.
/// </summary>
public sealed class MatArray
{
    public MatArray(string name, string matlabClass, int[] dimensions, double[] real, double[]? imaginary)
    {
        long count = 1;
        foreach (int d in dimensions)
        {
            count *= d;
        }
        if (count != real.Length || (imaginary is not null && imaginary.Length != real.Length))
        {
            throw new ArgumentException($"MAT array {name}: dimensions [{string.Join(", ", dimensions)}] hold {count} values, got {real.Length}");
        }
        Name = name;
        MatlabClass = matlabClass;
        Dimensions = dimensions;
        Real = real;
        Imaginary = imaginary;
    }

    /// <summary>Variable name as stored in the file.</summary>
    public string Name { get; }

    /// <summary>MATLAB class of the array (<c>double</c>, <c>single</c>, <c>int32</c>, ...).</summary>
    public string MatlabClass { get; }

    /// <summary>Dimensions (at least two, as MATLAB stores them).</summary>
    public int[] Dimensions { get; }

    /// <summary>Real part, column-major.</summary>
    public double[] Real { get; }

    /// <summary>Imaginary part, column-major, or null for a real array.</summary>
    public double[]? Imaginary { get; }

    public bool IsComplex => Imaginary is not null;

    public int Rows => Dimensions[0];

    public int Columns => Dimensions.Length > 1 ? Dimensions[1] : 1;

    public int Count => Real.Length;

    /// <summary>Element (row, column) of a two-dimensional array (zero-based).</summary>
    public double this[int row, int column]
    {
        get
        {
            if ((uint)row >= (uint)Rows || (uint)column >= (uint)Columns)
            {
                throw new IndexOutOfRangeException($"MAT array {Name} is {Rows}x{Columns}; index ({row}, {column}) is outside");
            }
            return Real[row + Rows * column];
        }
    }

    /// <summary>The values of a vector (any array with at most one dimension larger than 1).</summary>
    public double[] ToVector()
    {
        if (Dimensions.Count(d => d > 1) > 1)
        {
            throw new InvalidOperationException($"MAT array {Name} is [{string.Join("x", Dimensions)}], not a vector");
        }
        return (double[])Real.Clone();
    }

    /// <summary>A two-dimensional array in row-major (C) order: element (i, j) at <c>[i * Columns + j]</c>.</summary>
    public double[] ToRowMajor()
    {
        if (Dimensions.Length != 2)
        {
            throw new InvalidOperationException($"MAT array {Name} has {Dimensions.Length} dimensions; ToRowMajor needs 2");
        }
        int m = Rows, n = Columns;
        var values = new double[m * n];
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < m; i++)
            {
                values[i * n + j] = Real[i + m * j];
            }
        }
        return values;
    }

    /// <summary>The transpose of a two-dimensional array in row-major order (element (j, i) at <c>[j * Rows + i]</c>),
    /// which is the column-major storage itself.</summary>
    public double[] TransposedRowMajor()
    {
        if (Dimensions.Length != 2)
        {
            throw new InvalidOperationException($"MAT array {Name} has {Dimensions.Length} dimensions; TransposedRowMajor needs 2");
        }
        return (double[])Real.Clone();
    }
}
