namespace NeuralPDE.Benchmarks;

/// <summary>What a method gets to run on one problem.</summary>
public sealed record BenchmarkContext(BenchmarkReference Reference, BenchmarkOptions Options)
{
    public Core.Specs.ProblemSpec Spec => Reference.Spec;

    public CancellationToken Cancellation { get; init; }

    /// <summary>Progress lines (for the terminal); may be null.</summary>
    public IProgress<string>? Log { get; init; }
}
