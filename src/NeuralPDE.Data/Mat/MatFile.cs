namespace NeuralPDE.Data.Mat;

/// <summary>
/// The contents of a MATLAB v5 MAT-file: its descriptive header text and the numeric arrays it
/// holds. Variables of other kinds (cell, struct, char, sparse, object) are listed in
/// <see cref="Skipped"/> with their class so a request for them fails with a clear message.
/// </summary>
public sealed class MatFile
{
    public MatFile(string source, string headerText, IReadOnlyDictionary<string, MatArray> arrays, IReadOnlyDictionary<string, string> skipped)
    {
        Source = source;
        HeaderText = headerText;
        Arrays = arrays;
        Skipped = skipped;
    }

    /// <summary>Where the data came from (a path, or a name given by the caller).</summary>
    public string Source { get; }

    /// <summary>The 116-byte descriptive text of the header, trimmed (e.g. <c>MATLAB 5.0 MAT-file, Platform: ...</c>).</summary>
    public string HeaderText { get; }

    /// <summary>Numeric arrays by variable name.</summary>
    public IReadOnlyDictionary<string, MatArray> Arrays { get; }

    /// <summary>Variables the reader does not convert, by name, with their MATLAB class.</summary>
    public IReadOnlyDictionary<string, string> Skipped { get; }

    /// <summary>The numeric array named <paramref name="name"/>; throws a <see cref="MatFileException"/> naming
    /// the variables that exist when it is missing or not numeric.</summary>
    public MatArray Get(string name)
    {
        if (Arrays.TryGetValue(name, out MatArray? array))
        {
            return array;
        }
        if (Skipped.TryGetValue(name, out string? kind))
        {
            throw new MatFileException($"{Source}: variable \"{name}\" is a {kind} array; only numeric arrays are supported");
        }
        throw new MatFileException($"{Source}: no variable \"{name}\"; variables: {string.Join(", ", Arrays.Keys.Concat(Skipped.Keys))}");
    }
}
