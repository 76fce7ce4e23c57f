using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using NeuralPDE.Core.Specs;
using NeuralPDE.Data.Generation;
using NeuralPDE.Data.Generation.Recipes;
using NeuralPDE.Learning.Fno;
using NeuralPDE.Numerics.Solvers;

namespace NeuralPDE.Benchmarks.Methods;

/// <summary>
/// The FNO row's training data: the spec's <c>fno.data</c> recipe generated through the dataset pipeline
/// (<see cref="DatasetRecipes"/>, as <c>neuralpde generate</c> and <c>train --method fno</c> do) into
/// <see cref="BenchmarkOptions.DataDirectory"/>, or reused from there when a file with the same recipe, sample count
/// and overrides exists. For coefficient-solution data (Darcy) the recipe's grid is set by the caller (the reference
/// grid, or every other node of it at the quick budget). The recipe must describe the benchmark problem (same
/// <c>parameters</c>), and the benchmark instance's seed must not be a training seed.
/// </summary>
public sealed record FnoBenchmarkDataset(string Path, string Recipe, int Samples, bool Reused, double GenerationSeconds, string Note)
{
    /// <summary>The dataset for <paramref name="settings"/>; coefficient-solution data is generated on
    /// <paramref name="resolution"/> x <paramref name="resolution"/> nodes.</summary>
    public static FnoBenchmarkDataset Ensure(BenchmarkContext context, FnoSettings settings, int resolution)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        var overrides = new List<string>(settings.RecipeOverrides);
        var generatorOptions = new GeneratorOptions(context.Options.Device);
        var run = new DatasetRecipes.Run(DatasetRecipes.Load(settings.Recipe, overrides, settings.GenerateSamples), generatorOptions);
        string note = "";
        if (settings.Pairing == FnoPairing.CoefficientSolution)
        {
            int n = resolution;
            int recipeResolution = run.Spec.Integer("reference.resolution");
            if (recipeResolution != n)
            {
                overrides.Add($"spec.reference.resolution={n}");
                run = new DatasetRecipes.Run(DatasetRecipes.Load(settings.Recipe, overrides, settings.GenerateSamples), generatorOptions);
                note = $"recipe grid {recipeResolution}x{recipeResolution} set to {n}x{n}";
            }
        }
        CheckSameProblem(context.Spec, run.Spec, settings.Recipe);
        if (settings.Pairing == FnoPairing.TimeWindow && run.Spec.Integer("reference.outputTimes") != context.Reference.Axes[0].Length)
        {
            throw new InvalidOperationException($"fno: recipe {settings.Recipe} stores {run.Spec.Integer("reference.outputTimes")} snapshots, the reference {context.Reference.Axes[0].Length}: the time windows would not match (set reference.outputTimes or fno.data.set)");
        }
        CheckInstanceNotTrained(run.Recipe, context.Options.Seed);
        string path = System.IO.Path.Combine(context.Options.DataDirectory, $"{run.Recipe.Name}-{run.Recipe.Samples}-{Key(run.Recipe, overrides)}.h5");
        if (File.Exists(path))
        {
            context.Log?.Report($"fno: reusing {path}");
            return new FnoBenchmarkDataset(path, run.Recipe.Name, run.Recipe.Samples, true, 0, note);
        }
        Directory.CreateDirectory(context.Options.DataDirectory);
        context.Log?.Report($"fno: generating {path} ({run.Recipe.Samples} samples of recipe {run.Recipe.Name}{(overrides.Count > 0 ? ", " + string.Join(", ", overrides) : "")})");
        var clock = Stopwatch.StartNew();
        run.Generate(ShardSpec.Whole, path, new GenerationLines(new ProgressLines(context.Log, "fno data")), context.Options.Threads, context.Cancellation);
        return new FnoBenchmarkDataset(path, run.Recipe.Name, run.Recipe.Samples, false, clock.Elapsed.TotalSeconds, note);
    }

    private static void CheckSameProblem(ProblemSpec benchmark, ProblemSpec recipe, string recipeName)
    {
        JsonNode? mine = benchmark.ToJson()["parameters"], theirs = recipe.ToJson()["parameters"];
        if (benchmark.Family != recipe.Family || !JsonNode.DeepEquals(mine, theirs))
        {
            throw new InvalidOperationException($"fno: recipe {recipeName} draws {recipe.Name} with parameters {theirs?.ToJsonString()}, not the benchmark's {benchmark.Name} {mine?.ToJsonString()} (set fno.data.set to match)");
        }
    }

    private static void CheckInstanceNotTrained(DatasetRecipe recipe, long instanceSeed)
    {
        for (int i = 0; i < recipe.Samples; i++)
        {
            if (SampleSeeds.For(recipe.Seed, i) == instanceSeed)
            {
                throw new InvalidOperationException($"fno: the benchmark instance (seed {instanceSeed}) is sample {i} of the training data; choose another --seed");
            }
        }
    }

    /// <summary>A short hash of what fixes the file's content besides its name and size: seed and overrides.</summary>
    private static string Key(DatasetRecipe recipe, IEnumerable<string> overrides)
    {
        string text = string.Join('\n', overrides.Prepend(recipe.Seed.ToString(CultureInfo.InvariantCulture)));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8].ToLowerInvariant();
    }

    /// <summary>Generation progress as progress lines.</summary>
    private sealed class GenerationLines(IProgress<SolveProgress> inner) : IProgress<GenerationProgress>
    {
        public void Report(GenerationProgress p) => inner.Report(new SolveProgress(p.Total == 0 ? 1 : (double)p.Done / p.Total,
            string.Create(CultureInfo.InvariantCulture, $"{p.Done}/{p.Total} samples, {p.SamplesPerSecond:F2} samples/s")));
    }
}
