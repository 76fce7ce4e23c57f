namespace NeuralPDE.Core.Solutions;

/// <summary>
/// A field sampled on a grid: row-major values with the given shape. For solutions the shape follows
/// the solution's axes in order, e.g. [T, X] for (t, x) or [X, Y] for (x, y).
/// </summary>
public sealed class FieldData
{
    public FieldData(string name, int[] shape, double[] values)
    {
        long count = 1;
        foreach (int s in shape)
        {
            if (s <= 0)
            {
                throw new ArgumentException($"field {name}: shape entries must be positive, got [{string.Join(", ", shape)}]", nameof(shape));
            }
            count *= s;
        }
        if (count != values.Length)
        {
            throw new ArgumentException($"field {name}: shape [{string.Join(", ", shape)}] holds {count} values, got {values.Length}", nameof(values));
        }
        Name = name;
        Shape = shape;
        Values = values;
    }

    public string Name { get; }

    public int[] Shape { get; }

    public double[] Values { get; }

    public int Rank => Shape.Length;

    public double this[int i, int j] => Values[i * Shape[1] + j];

    public double this[int i, int j, int k] => Values[(i * Shape[1] + j) * Shape[2] + k];

    /// <summary>The slice at index <paramref name="index"/> of the first dimension.</summary>
    public FieldData Slice(int index)
    {
        int inner = Values.Length / Shape[0];
        return new FieldData(Name, Shape[1..], Values.AsSpan(index * inner, inner).ToArray());
    }
}
