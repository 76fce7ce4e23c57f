namespace NeuralPDE.Numerics.Linear;

/// <summary>Accumulates (row, column, value) triplets and produces a <see cref="CsrMatrix"/>.</summary>
public sealed class CsrBuilder
{
    private readonly List<(int Row, int Col, double Value)> _entries;

    public CsrBuilder(int size, int expectedNonZeros = 0)
    {
        Size = size;
        _entries = new List<(int, int, double)>(expectedNonZeros);
    }

    public int Size { get; }

    /// <summary>Adds <paramref name="value"/> to entry (row, col); duplicates are summed.</summary>
    public void Add(int row, int col, double value)
    {
        if ((uint)row >= (uint)Size || (uint)col >= (uint)Size)
        {
            throw new ArgumentOutOfRangeException(nameof(row), $"entry ({row}, {col}) outside a {Size}x{Size} matrix");
        }
        _entries.Add((row, col, value));
    }

    public CsrMatrix Build()
    {
        var counts = new int[Size + 1];
        foreach (var e in _entries)
        {
            counts[e.Row + 1]++;
        }
        for (int i = 0; i < Size; i++)
        {
            counts[i + 1] += counts[i];
        }
        var cols = new int[_entries.Count];
        var vals = new double[_entries.Count];
        var next = (int[])counts.Clone();
        foreach (var e in _entries)
        {
            int k = next[e.Row]++;
            cols[k] = e.Col;
            vals[k] = e.Value;
        }
        // sort each row by column and merge duplicates
        var rp = new int[Size + 1];
        int w = 0;
        for (int i = 0; i < Size; i++)
        {
            int start = counts[i], end = counts[i + 1];
            Array.Sort(cols, vals, start, end - start);
            rp[i] = w;
            for (int k = start; k < end; k++)
            {
                if (w > rp[i] && cols[w - 1] == cols[k])
                {
                    vals[w - 1] += vals[k];
                }
                else
                {
                    cols[w] = cols[k];
                    vals[w] = vals[k];
                    w++;
                }
            }
        }
        rp[Size] = w;
        return new CsrMatrix(Size, rp, cols[..w], vals[..w]);
    }
}
