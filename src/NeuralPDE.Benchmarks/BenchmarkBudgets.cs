using NeuralPDE.Core.Specs;

namespace NeuralPDE.Benchmarks;

/// <summary>Parsing and describing <see cref="BenchmarkBudget"/> values.</summary>
public static class BenchmarkBudgets
{
    public static BenchmarkBudget Parse(string text)
    {
        return (text ?? "").Trim().ToLowerInvariant() switch
        {
            "quick" => BenchmarkBudget.Quick,
            "standard" => BenchmarkBudget.Standard,
            "paper" => BenchmarkBudget.Paper,
            _ => throw new SpecException($"--budget {text}: expected quick, standard or paper"),
        };
    }

    public static string Name(BenchmarkBudget budget) => budget.ToString().ToLowerInvariant();
}
