using NeuralPDE.Core.Specs;

namespace NeuralPDE.Data.Generation;

/// <summary>
/// The generic part of a dataset recipe (<c>datasets/NAME.json</c>): which problem spec it draws on, how many
/// samples, the recipe seed, the block (batch) size, the default linear solver, and the recipe JSON itself. The
/// recipe's <c>family</c> selects the generator; its <c>spec</c> section overrides the problem spec (same nesting,
/// e.g. <c>"spec": { "reference": { "resolution": 64 } }</c>) and its <c>random</c> section holds the per-sample
/// randomisation, which the family's generator validates.
/// </summary>
public sealed record DatasetRecipe(ProblemSpec Json, string Problem, int Samples, long Seed, int BatchSize, string Solver)
{
    public string Name => Json.Name;

    public string Family => Json.Family;

    public int Blocks => (Samples + BatchSize - 1) / BatchSize;

    public static DatasetRecipe FromSpec(ProblemSpec recipe, int? samples = null, long? seed = null, string? solver = null)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        string problem = recipe.Text("problem");
        int n = samples ?? recipe.Integer("samples", min: 1, max: 100_000_000);
        if (n < 1)
        {
            throw new SpecException(recipe.Name, "--samples", $"expected an integer >= 1, got {n}");
        }
        long s = seed ?? (long)recipe.Number("seed");
        int batch = recipe.Integer("batchSize", min: 1, max: 100_000);
        string linear = solver ?? recipe.TextOr("solver", "none");
        return new DatasetRecipe(recipe, problem, n, s, batch, linear);
    }

    /// <summary>Sample range [start, end) of a block.</summary>
    public (int Start, int End) BlockSamples(int block) => (block * BatchSize, Math.Min(Samples, (block + 1) * BatchSize));

    /// <summary>The problem-spec overrides of the recipe's <c>spec</c> section as <c>path=value</c> assignments.</summary>
    public IReadOnlyList<string> SpecOverrides()
    {
        var result = new List<string>();
        if (Json.ToJson()["spec"] is System.Text.Json.Nodes.JsonObject section)
        {
            Flatten(section, "", result);
        }
        return result;
    }

    private static void Flatten(System.Text.Json.Nodes.JsonObject node, string prefix, List<string> into)
    {
        foreach (var (key, value) in node)
        {
            string path = prefix.Length == 0 ? key : prefix + "." + key;
            if (value is System.Text.Json.Nodes.JsonObject child)
            {
                Flatten(child, path, into);
            }
            else
            {
                string text = value?.ToJsonString() ?? "null";
                into.Add(path + "=" + (value is System.Text.Json.Nodes.JsonValue v && v.TryGetValue(out string? s) ? s : text));
            }
        }
    }
}
