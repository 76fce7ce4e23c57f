using System.Text.Json.Nodes;
using NeuralPDE.Core.Specs;
using NeuralPDE.Data.Generation.Recipes;

namespace NeuralPDE.Data.Generation;

/// <summary>Recipes from <c>datasets/</c> (or a path) with overrides, and a recipe's generation run: the pieces of
/// <c>neuralpde generate</c> that other callers (the benchmark's FNO row) reuse.</summary>
public static class DatasetRecipes
{
    /// <summary>Loads a recipe by name (datasets/) or path, with <c>--set</c> overrides (a bare key sets a top-level
    /// recipe value such as samples or batchSize, a dotted path a nested one such as spec.reference.resolution) and the
    /// command-line sample count and seed.</summary>
    public static DatasetRecipe Load(string nameOrPath, IEnumerable<string> overrides, int? samples = null, long? seed = null)
    {
        ProblemCatalog catalog = ProblemCatalog.Datasets();
        if (!File.Exists(nameOrPath) && !catalog.Names().Contains(nameOrPath))
        {
            throw new SpecException($"unknown recipe \"{nameOrPath}\": not a file and not in {catalog.Directory}; known: {string.Join(", ", catalog.Names())}");
        }
        ProblemSpec json = catalog.Load(nameOrPath);
        var dotted = new List<string>();
        JsonObject root = json.ToJson();
        bool rootChanged = false;
        foreach (string assignment in overrides)
        {
            int eq = assignment.IndexOf('=', StringComparison.Ordinal);
            string key = eq > 0 ? assignment[..eq].Trim() : "";
            if (eq > 0 && !key.Contains('.', StringComparison.Ordinal))
            {
                // A bare key addresses the recipe's top level (samples, seed, batchSize, solver).
                if (!root.ContainsKey(key) || root[key] is JsonObject)
                {
                    throw new SpecException(json.Name, "--set " + key, $"unknown key \"{key}\"; top-level keys: {string.Join(", ", root.Where(p => p.Value is not JsonObject).Select(p => p.Key))}; nested ones by path, e.g. spec.reference.resolution=32");
                }
                string raw = assignment[(eq + 1)..].Trim();
                JsonNode? value;
                try
                {
                    value = JsonNode.Parse(raw);
                }
                catch (System.Text.Json.JsonException)
                {
                    value = JsonValue.Create(raw);
                }
                root[key] = value;
                rootChanged = true;
            }
            else
            {
                dotted.Add(assignment);
            }
        }
        if (rootChanged)
        {
            json = new ProblemSpec(root, json.Source);
        }
        return DatasetRecipe.FromSpec(json.WithOverrides(dotted), samples, seed);
    }

    /// <summary>A recipe ready to generate: its problem spec and sample generator.</summary>
    public sealed class Run
    {
        public Run(DatasetRecipe recipe, GeneratorOptions options)
        {
            ArgumentNullException.ThrowIfNull(recipe);
            ArgumentNullException.ThrowIfNull(options);
            Recipe = recipe;
            Spec = RecipeGenerators.Spec(recipe);
            Generator = RecipeGenerators.Create(recipe, Spec, options);
        }

        public DatasetRecipe Recipe { get; }

        public ProblemSpec Spec { get; }

        public ISampleGenerator Generator { get; }

        /// <summary>Generates <paramref name="shard"/> into <paramref name="outputPath"/> (resumable; see <see cref="DatasetGenerator"/>).</summary>
        public GenerationReport Generate(ShardSpec shard, string outputPath, IProgress<GenerationProgress>? progress = null, int threads = 0, CancellationToken cancellation = default)
            => DatasetGenerator.Run(Generator, Recipe, Spec.ToJsonText(), shard, outputPath, progress, threads, cancellation);
    }
}
