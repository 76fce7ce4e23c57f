namespace NeuralPDE.Benchmarks;

/// <summary>Everything a benchmark run produced, in the order it ran; complete or not (<see cref="Interrupted"/>).</summary>
public sealed class BenchmarkResults(BenchmarkOptions options, IReadOnlyList<string> methods, EnvironmentInfo environment)
{
    public BenchmarkOptions Options { get; } = options;

    /// <summary>The methods asked for, in order.</summary>
    public IReadOnlyList<string> Methods { get; } = methods;

    public EnvironmentInfo Environment { get; } = environment;

    public List<ProblemResult> Problems { get; } = [];

    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

    public double WallSeconds { get; set; }

    /// <summary>True when the run was interrupted: the rows hold what finished.</summary>
    public bool Interrupted { get; set; }

    public IEnumerable<MethodOutcome> Rows => Problems.SelectMany(p => p.Outcomes);
}
