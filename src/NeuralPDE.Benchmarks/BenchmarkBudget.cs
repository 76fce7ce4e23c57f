namespace NeuralPDE.Benchmarks;

/// <summary>How much compute each method gets: <see cref="Quick"/> takes minutes on a laptop, <see cref="Standard"/>
/// runs the problem specs' defaults (the configurations behind the issue targets), <see cref="Paper"/> the published
/// configurations, meant for a GPU.</summary>
public enum BenchmarkBudget
{
    Quick,
    Standard,
    Paper,
}
