using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using NeuralPDE.Cli.Output;
using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;
using NeuralPDE.Data.Hdf5;
using NeuralPDE.Numerics.Solvers;
using NeuralPDE.Numerics.Torch;
using NeuralPDE.Plots;

namespace NeuralPDE.Cli.Commands;

/// <summary><c>neuralpde solve &lt;problem&gt;</c>: the classical reference solution, its error against the exact
/// solution where one exists, and optional HDF5 / JSON / HTML outputs.</summary>
public static class SolveCommand
{
    public static Command Create()
    {
        var problem = new Argument<string>("problem") { Description = "A problem name from `neuralpde problems`, or a path to a spec JSON file." };
        var set = CommonOptions.Set();
        var resolution = new Option<int?>("--resolution") { Description = "Grid points per direction (overrides reference.resolution)." };
        var output = new Option<string?>("--out") { Description = "Write the solution to this HDF5 file (PDEBench-compatible layout)." };
        var seed = CommonOptions.Seed();
        var device = CommonOptions.Device();
        var json = CommonOptions.Json();
        var plot = CommonOptions.Plot();
        var quiet = CommonOptions.Quiet();
        var command = new Command("solve", "Compute the classical reference solution of a problem (and its error against the exact solution where one exists).")
        {
            problem, set, resolution, output, seed, device, json, plot, quiet,
        };
        command.SetAction(parse => CliApp.Guard(() => Execute(
            parse.GetValue(problem)!,
            parse.GetValue(set) ?? [],
            parse.GetValue(resolution),
            parse.GetValue(output),
            parse.GetValue(seed),
            parse.GetValue(device) ?? "cpu",
            parse.GetValue(json),
            parse.GetValue(plot),
            parse.GetValue(quiet))));
        return command;
    }

    public static int Execute(string problemName, string[] overrides, int? resolution, string? outPath, int seed, string device, string? jsonPath, string? plotPath, bool quiet)
    {
        if (resolution is int r && r < 2)
        {
            throw new SpecException(problemName, "--resolution", $"expected an integer >= 2, got {r}");
        }
        CheckWritable("--out", outPath);
        CheckWritable("--json", jsonPath);
        CheckWritable("--plot", plotPath);
        ProblemSpec spec = ProblemCatalog.Problems().Load(problemName, overrides);
        ComputeDevice.Resolve(device);
        IReferenceSolver solver = ReferenceSolvers.For(spec);
        var ctrlC = new CtrlCCancellation();
        var clock = Stopwatch.StartNew();
        ReferenceSolution solution;
        try
        {
            solution = ProgressDisplay.Run($"solve {spec.Name} ({solver.Name})", quiet, progress =>
                solver.Solve(spec, new SolveOptions
                {
                    Resolution = resolution,
                    Device = device,
                    Seed = seed,
                    Progress = progress,
                    Cancellation = ctrlC.Token,
                }));
        }
        finally
        {
            ctrlC.Dispose();
        }
        double wall = clock.Elapsed.TotalSeconds;

        PrintSummary(spec, solution, wall);
        if (outPath is not null)
        {
            SolutionFileWriter.Write(outPath, solution, new SolutionFileMetadata(spec.Family, spec.Variant, spec.ToJsonText(), seed)
            {
                Parameters = PdeBenchParameters(spec),
            });
            Console.WriteLine($"wrote {outPath}");
        }
        if (plotPath is not null)
        {
            SolutionFigures.Report(solution).Save(plotPath);
            Console.WriteLine($"wrote {plotPath}");
        }
        if (jsonPath is not null)
        {
            JsonSummary.Write(jsonPath, Summary(spec, solution, wall, seed, device));
            Console.WriteLine($"wrote {jsonPath}");
        }
        return 0;
    }

    /// <summary>The <c>--json</c> object for a solve.</summary>
    public static JsonObject Summary(ProblemSpec spec, ReferenceSolution solution, double wallSeconds, int seed, string device)
    {
        var summary = new JsonObject
        {
            ["problem"] = spec.Name,
            ["method"] = "classical",
            ["solver"] = solution.Solver,
            ["family"] = spec.Family,
            ["variant"] = spec.Variant,
            ["wallSeconds"] = Math.Round(wallSeconds, 4),
            ["samples"] = 1,
            ["seed"] = seed,
            ["device"] = device,
            ["peakMemoryMB"] = JsonSummary.PeakMemoryMB(),
            ["grid"] = new JsonObject(solution.Axes.Select(a => KeyValuePair.Create(a.Name, (JsonNode?)JsonValue.Create(a.Length)))),
        };
        if (solution.RelativeL2() is double rel)
        {
            summary["relL2"] = JsonSummary.Number(rel);
            summary["maxAbsError"] = JsonSummary.Number(solution.MaxAbsError() ?? double.NaN);
        }
        if (solution.Exact.Count > 1)
        {
            var perField = new JsonObject();
            foreach (string name in solution.Exact.Keys)
            {
                if (solution.RelativeL2(name) is double e)
                {
                    perField[name] = JsonSummary.Number(e);
                }
            }
            summary["relL2ByField"] = perField;
        }
        if (solution.Statistics.TryGetValue("steps", out double steps))
        {
            summary["steps"] = steps;
        }
        var stats = new JsonObject();
        foreach (var (key, value) in solution.Statistics)
        {
            stats[key] = JsonSummary.Number(value);
        }
        summary["statistics"] = stats;
        return summary;
    }

    private static void PrintSummary(ProblemSpec spec, ReferenceSolution solution, double wall)
    {
        Console.WriteLine($"problem   {spec.Name} ({spec.Family}/{spec.Variant})");
        Console.WriteLine($"solver    {solution.Solver}");
        Console.WriteLine($"grid      {string.Join(" x ", solution.Axes.Select(a => $"{a.Name}:{a.Length}"))}");
        foreach (string name in solution.Exact.Keys)
        {
            if (solution.RelativeL2(name) is double e)
            {
                Console.WriteLine($"relL2     {name}: {e:E3} (max abs {solution.MaxAbsError(name):E3}) vs exact");
            }
        }
        foreach (var (key, value) in solution.Statistics)
        {
            Console.WriteLine($"stat      {key} = {value:G6}");
        }
        Console.WriteLine($"wall      {wall:F2} s");
    }

    /// <summary>Scalar parameters stored as HDF5 attributes, with PDEBench's names where it has them (e.g. <c>Nu</c>).</summary>
    private static Dictionary<string, double> PdeBenchParameters(ProblemSpec spec)
    {
        var result = new Dictionary<string, double>();
        if (spec.ToJson()["parameters"] is JsonObject parameters)
        {
            foreach (var (key, value) in parameters)
            {
                if (value is JsonValue v && v.TryGetValue(out double d))
                {
                    result[key == "nu" ? "Nu" : key] = d;
                }
            }
        }
        return result;
    }

    private static void CheckWritable(string option, string? path)
    {
        if (path is null)
        {
            return;
        }
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is null || Directory.Exists(folder))
        {
            return;
        }
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{option} {path}: cannot create folder {folder} ({e.Message})", e);
        }
    }
}
