using System.CommandLine;
using NeuralPDE.Benchmarks;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Torch;

using NeuralPDE.Cli.Output;

namespace NeuralPDE.Cli.Commands;

/// <summary><c>neuralpde benchmark &lt;problem&gt;... [--methods ...] [--budget ...] [--out DIR]</c>: every applicable
/// method on every problem against one reference, with a terminal table, results.json / results.csv and an offline
/// report.html in DIR (rewritten after every row, so an interrupted run leaves a report of what finished).</summary>
public static class BenchmarkCommand
{
    public static Command Create()
    {
        var problems = new Argument<string[]>("problem") { Description = "Problem names from `neuralpde problems` (or spec paths).", Arity = ArgumentArity.OneOrMore };
        var methods = new Option<string?>("--methods") { Description = $"Comma list of methods (default: all of {string.Join(",", BenchmarkMethods.Names)}; those that do not apply get a row with the reason)." };
        var budget = new Option<string>("--budget") { Description = "quick (minutes on a laptop; FNO: 200+40 generated samples, width <= 32, <= 90 s of training) | standard (the problem specs' defaults; FNO: 1,000 samples, 500 epochs) | paper (published configurations, for a GPU; the FNO specs' defaults are the paper's).", DefaultValueFactory = _ => "quick" };
        var output = new Option<string>("--out") { Description = "Output folder for report.html, results.json and results.csv.", DefaultValueFactory = _ => "out/benchmark" };
        var maxSteps = new Option<int?>("--max-steps") { Description = "Cap every trainer's optimiser steps (smoke runs; FNO: whole epochs, or one epoch on fewer samples)." };
        var threads = new Option<int>("--threads") { Description = "Torch intra-op threads (0: library default)." };
        var seed = CommonOptions.Seed();
        var device = CommonOptions.Device();
        var json = CommonOptions.Json();
        var quiet = CommonOptions.Quiet();
        var command = new Command("benchmark", "Run the methods side by side on problems (classical, PINN, FNO, walk-on-spheres): table, JSON/CSV and an offline HTML report. The FNO row generates its training set (kept in OUT/datasets/ and reused) and trains before it predicts the problem's own instance.")
        {
            problems, methods, budget, output, maxSteps, threads, seed, device, json, quiet,
        };
        command.SetAction(parse => CliApp.Guard(() => Execute(
            parse.GetValue(problems) ?? [],
            parse.GetValue(methods),
            parse.GetValue(budget) ?? "quick",
            parse.GetValue(output) ?? "out/benchmark",
            parse.GetValue(maxSteps),
            parse.GetValue(threads),
            parse.GetValue(seed),
            parse.GetValue(device) ?? "cpu",
            parse.GetValue(json),
            parse.GetValue(quiet))));
        return command;
    }

    public static int Execute(string[] problemNames, string? methodList, string budgetText, string outDir, int? maxSteps, int threads, int seed, string device, string? jsonPath, bool quiet)
    {
        ArgumentNullException.ThrowIfNull(problemNames);
        BenchmarkBudget budget = BenchmarkBudgets.Parse(budgetText);
        IReadOnlyList<IBenchmarkMethod> methods = BenchmarkMethods.Parse(methodList ?? string.Join(',', BenchmarkMethods.Names));
        if (maxSteps is int cap && cap < 0)
        {
            throw new SpecException($"--max-steps: expected an integer >= 0, got {cap}");
        }
        if (threads < 0)
        {
            throw new SpecException($"--threads: expected an integer >= 0, got {threads}");
        }
        var specs = problemNames.Select(p => ProblemCatalog.Problems().Load(p, [])).ToList();
        if (methodList is not null)
        {
            foreach (IBenchmarkMethod method in methods)
            {
                var reasons = specs.Select(s => method.NotApplicableReason(s)).ToList();
                if (reasons.All(r => r is not null))
                {
                    throw new SpecException($"--methods {method.Name}: does not apply to {string.Join(", ", specs.Select(s => s.Name))} ({reasons[0]})");
                }
            }
        }
        ComputeDevice.Resolve(device);
        string folder = PrepareOutput(outDir);
        if (threads > 0)
        {
            TorchSharp.torch.set_num_threads(threads);
        }
        var options = new BenchmarkOptions { Budget = budget, Seed = seed, Device = device, MaxSteps = maxSteps, Threads = threads, DataDirectory = Path.Combine(folder, "datasets") };
        string report = Path.Combine(folder, "report.html");
        var runner = new BenchmarkRunner(methods, options)
        {
            Log = quiet ? null : new SynchronousProgress<string>(line => Console.Error.WriteLine($"benchmark: {line}")),
            RowFinished = results => Write(folder, results, null),
        };
        var ctrlC = new CtrlCCancellation();
        BenchmarkResults results;
        try
        {
            results = runner.Run(specs, ctrlC.Token);
        }
        finally
        {
            ctrlC.Dispose();
        }
        Write(folder, results, jsonPath);
        Console.Write(BenchmarkTable.Format(results));
        Console.WriteLine($"wrote {report}, {Path.Combine(folder, "results.json")}, {Path.Combine(folder, "results.csv")}{(jsonPath is null ? "" : $", {jsonPath}")}");
        if (results.Interrupted)
        {
            Console.Error.WriteLine($"neuralpde: benchmark interrupted; {report} holds what finished");
            return 130;
        }
        return 0;
    }

    private static void Write(string folder, BenchmarkResults results, string? jsonPath)
    {
        BenchmarkExport.WriteJson(Path.Combine(folder, "results.json"), results);
        BenchmarkExport.WriteCsv(Path.Combine(folder, "results.csv"), results);
        BenchmarkReport.Build(results).Save(Path.Combine(folder, "report.html"));
        if (jsonPath is not null)
        {
            BenchmarkExport.WriteJson(jsonPath, results);
        }
    }

    /// <summary>Creates the folder and proves it writable before any work starts.</summary>
    private static string PrepareOutput(string outDir)
    {
        string folder = Path.GetFullPath(outDir);
        try
        {
            Directory.CreateDirectory(folder);
            string probe = Path.Combine(folder, $".write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SpecException($"--out {outDir}: cannot write there ({e.Message})");
        }
        return folder;
    }
}
