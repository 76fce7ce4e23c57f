namespace NeuralPDE.Benchmarks;

/// <summary>One problem's rows: its reference (null when the reference could not be computed) and each method's outcome.</summary>
public sealed class ProblemResult(string problem, string description)
{
    public string Problem { get; } = problem;

    public string Description { get; } = description;

    public BenchmarkReference? Reference { get; set; }

    /// <summary>Why the reference is missing (failed or interrupted), when it is.</summary>
    public string? ReferenceFailure { get; set; }

    public List<MethodOutcome> Outcomes { get; } = [];
}
