using System.Globalization;
using System.Text;

namespace NeuralPDE.Numerics.Linear;

/// <summary>Writes MatrixMarket files (coordinate real general for matrices, array real general for vectors),
/// readable by <c>scipy.io.mmread</c>. Values are written with round-trip precision.</summary>
public static class MatrixMarket
{
    public static void WriteMatrix(string path, CsrMatrix a)
    {
        ArgumentNullException.ThrowIfNull(a);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.WriteLine("%%MatrixMarket matrix coordinate real general");
        writer.WriteLine(FormattableString.Invariant($"{a.Size} {a.Size} {a.NonZeros}"));
        for (int i = 0; i < a.Size; i++)
        {
            for (int k = a.RowPointers[i]; k < a.RowPointers[i + 1]; k++)
            {
                writer.Write(i + 1);
                writer.Write(' ');
                writer.Write(a.ColumnIndices[k] + 1);
                writer.Write(' ');
                writer.WriteLine(a.Values[k].ToString("R", CultureInfo.InvariantCulture));
            }
        }
    }

    public static void WriteVector(string path, ReadOnlySpan<double> v)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.WriteLine("%%MatrixMarket matrix array real general");
        writer.WriteLine(FormattableString.Invariant($"{v.Length} 1"));
        foreach (double value in v)
        {
            writer.WriteLine(value.ToString("R", CultureInfo.InvariantCulture));
        }
    }
}
