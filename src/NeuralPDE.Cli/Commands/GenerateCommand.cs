using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using NeuralPDE.Data.Generation.Recipes;
using NeuralPDE.Cli.Output;
using NeuralPDE.Core.Specs;
using NeuralPDE.Data.Generation;
using NeuralPDE.Numerics.Solvers;
using NeuralPDE.Numerics.Torch;

namespace NeuralPDE.Cli.Commands;

/// <summary>
/// <c>neuralpde generate &lt;recipe&gt; --out F.h5</c>: a dataset from a recipe in <c>datasets/</c> (or a path), optionally one
/// shard of it (<c>--shard i/n</c>, or from Slurm/Kubernetes array variables). Resumable: finished blocks are kept in
/// <c>F.h5.parts/</c> until the file is complete (see <see cref="PartStore"/>).
/// </summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var recipe = new Argument<string>("recipe") { Description = "A recipe name from datasets/ (burgers-1d-periodic, darcy-2d, ns-vorticity-2d, poisson-2d, poisson-star, pme-1d) or a path to a recipe JSON file." };
        var output = new Option<string>("--out") { Description = "The HDF5 file to write (PDEBench-compatible layout).", Required = true };
        var samples = new Option<int?>("--samples") { Description = "Number of samples (overrides the recipe's samples)." };
        var shard = new Option<string?>("--shard") { Description = "Generate only shard i of n (0-based, e.g. 3/8). Default: from SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT or JOB_COMPLETION_INDEX/NEURALPDE_SHARD_COUNT, else the whole dataset." };
        var solver = new Option<string?>("--solver") { Description = "Linear solver of linear-system recipes: auto (the default of darcy-2d and poisson-star: cg for symmetric systems, gmres otherwise; poisson-2d defaults to direct) | recycled (sorted Krylov recycling, GCRO-DR + ILU(0)) | gmres | cg | direct." };
        var seed = new Option<long?>("--seed") { Description = "Recipe seed (default: the recipe's seed); sample i uses a seed derived from (seed, i)." };
        var threads = new Option<int>("--threads") { Description = "Threads: parallel blocks of CPU-bound recipes, and torch's intra-op threads (torch.set_num_threads) for the spectral recipes (default: all cores).", DefaultValueFactory = _ => 0 };
        var set = new Option<string[]>("--set")
        {
            Description = "Override a recipe value by its dotted path, e.g. --set batchSize=8 --set spec.reference.resolution=32. Repeatable.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var device = CommonOptions.Device();
        var json = CommonOptions.Json();
        var quiet = CommonOptions.Quiet();
        var command = new Command("generate", "Generate an HDF5 dataset from a recipe (reproducible, sharded, resumable).")
        {
            recipe, output, samples, shard, solver, seed, threads, set, device, json, quiet,
        };
        command.SetAction(parse => CliApp.Guard(() => Execute(new Settings(
            parse.GetValue(recipe)!, parse.GetValue(output)!, parse.GetValue(samples), parse.GetValue(shard), parse.GetValue(solver),
            parse.GetValue(seed), parse.GetValue(threads), parse.GetValue(set) ?? [], parse.GetValue(device) ?? "cpu",
            parse.GetValue(json), parse.GetValue(quiet)))));
        return command;
    }

    public sealed record Settings(string Recipe, string Out, int? Samples, string? Shard, string? Solver, long? Seed, int Threads,
        string[] Overrides, string Device, string? JsonPath, bool Quiet);

    public static int Execute(Settings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.Samples is int n && n < 1)
        {
            throw new SpecException(s.Recipe, "--samples", $"expected an integer >= 1, got {n}");
        }
        if (s.Threads < 0)
        {
            throw new SpecException(s.Recipe, "--threads", $"expected an integer >= 0, got {s.Threads}");
        }
        ShardSpec shard = s.Shard is null ? ShardSpec.FromEnvironment() ?? ShardSpec.Whole : ShardSpec.Parse(s.Shard);
        ComputeDevice.Resolve(s.Device);
        TorchThreads.Limit(s.Threads);
        DatasetRecipe recipe = LoadRecipe(s.Recipe, s.Overrides, s.Samples, s.Seed);
        var run = new DatasetRecipes.Run(recipe, new GeneratorOptions(s.Device, s.Solver));
        ISampleGenerator generator = run.Generator;
        CheckFolder(s.Out);

        var ctrlC = new CtrlCCancellation();
        var clock = Stopwatch.StartNew();
        GenerationReport report;
        try
        {
            string label = shard.IsWhole ? $"generate {recipe.Name}" : $"generate {recipe.Name} shard {shard}";
            report = ProgressDisplay.Run(label, s.Quiet, progress =>
                run.Generate(shard, s.Out, new ProgressAdapter(progress), s.Threads, ctrlC.Token));
        }
        finally
        {
            ctrlC.Dispose();
        }
        double wall = clock.Elapsed.TotalSeconds;
        if (!s.Quiet)
        {
            Console.WriteLine($"recipe    {recipe.Name} (problem {recipe.Problem}, seed {recipe.Seed})");
            Console.WriteLine($"solver    {generator.Solver}");
            Console.WriteLine($"samples   {report.SampleStart}..{report.SampleEnd - 1} of {recipe.Samples} (shard {shard}): {report.Generated} generated, {report.Resumed} resumed");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rate      {report.SamplesPerSecond:F2} samples/s ({report.GenerationSeconds:F2} s generating, {wall:F2} s in all)"));
            Console.WriteLine($"wrote     {s.Out}");
        }
        if (s.JsonPath is not null)
        {
            JsonSummary.Write(s.JsonPath, new JsonObject
            {
                ["problem"] = recipe.Problem,
                ["method"] = "generate",
                ["recipe"] = recipe.Name,
                ["solver"] = generator.Solver,
                ["out"] = report.Path,
                ["shard"] = shard.ToString(),
                ["samples"] = report.Samples,
                ["samplesTotal"] = recipe.Samples,
                ["generated"] = report.Generated,
                ["resumed"] = report.Resumed,
                ["seed"] = recipe.Seed,
                ["device"] = s.Device,
                ["generationSeconds"] = Math.Round(report.GenerationSeconds, 4),
                ["samplesPerSecond"] = JsonSummary.Number(report.SamplesPerSecond),
                ["wallSeconds"] = Math.Round(wall, 4),
                ["peakMemoryMB"] = JsonSummary.PeakMemoryMB(),
            });
        }
        return 0;
    }

    /// <summary>Loads a recipe by name (datasets/) or path, with <c>--set</c> overrides and the command-line values
    /// (see <see cref="DatasetRecipes.Load"/>).</summary>
    public static DatasetRecipe LoadRecipe(string nameOrPath, IEnumerable<string> overrides, int? samples = null, long? seed = null)
        => DatasetRecipes.Load(nameOrPath, overrides, samples, seed);

    private static void CheckFolder(string path)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"--out {path}: folder {folder} does not exist");
        }
    }

    /// <summary>Shows samples done, samples/s and ETA through the common progress display.</summary>
    private sealed class ProgressAdapter(IProgress<SolveProgress> inner) : IProgress<GenerationProgress>
    {
        public void Report(GenerationProgress p)
        {
            string eta = double.IsFinite(p.EtaSeconds) ? string.Create(CultureInfo.InvariantCulture, $"ETA {p.EtaSeconds:F0} s") : "ETA -";
            string resumed = p.Resumed > 0 ? $", {p.Resumed} resumed" : "";
            inner.Report(new SolveProgress(p.Total == 0 ? 1 : (double)p.Done / p.Total,
                string.Create(CultureInfo.InvariantCulture, $"{p.Done}/{p.Total} samples{resumed}, {p.SamplesPerSecond:F2} samples/s, {eta}")));
        }
    }
}
