using NeuralPDE.Benchmarks.Methods;
using NeuralPDE.Core.Specs;

namespace NeuralPDE.Benchmarks;

/// <summary>The methods the benchmark knows, by name, in report order.</summary>
public static class BenchmarkMethods
{
    public static readonly string[] Names = ["classical", "pinn", "fno", "wos"];

    public static IBenchmarkMethod Create(string name) => name switch
    {
        "classical" => new ClassicalMethod(),
        "pinn" => new PinnMethod(),
        "fno" => new FnoMethod(),
        "wos" => new WosMethod(),
        _ => throw new SpecException($"--methods {name}: expected a comma list of {string.Join(", ", Names)}"),
    };

    /// <summary>Parses a comma list (duplicates dropped, order kept).</summary>
    public static IReadOnlyList<IBenchmarkMethod> Parse(string list)
    {
        string[] names = (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.ToLowerInvariant()).Distinct().ToArray();
        if (names.Length == 0)
        {
            throw new SpecException($"--methods: expected a comma list of {string.Join(", ", Names)}, got nothing");
        }
        return names.Select(Create).ToArray();
    }
}
