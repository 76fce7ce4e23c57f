namespace NeuralPDE.Core.Specs;

/// <summary>
/// A problem spec, recipe or option is malformed. The message is one line that names the field
/// (as a dotted path) and what was expected, e.g. <c>burgers-1d: parameters.nu: expected a number &gt; 0, got -1</c>.
/// </summary>
public sealed class SpecException : Exception
{
    public SpecException(string source, string field, string problem)
        : base($"{source}: {field}: {problem}")
    {
        Source = source;
        Field = field;
    }

    public SpecException(string message) : base(message)
    {
        Field = "";
    }

    public SpecException() : base("invalid spec")
    {
        Field = "";
    }

    public SpecException(string message, Exception inner) : base(message, inner)
    {
        Field = "";
    }

    /// <summary>Dotted path of the offending field, e.g. <c>parameters.nu</c>.</summary>
    public string Field { get; }
}
