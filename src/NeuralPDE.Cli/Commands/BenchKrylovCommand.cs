using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using NeuralPDE.Cli.Output;
using NeuralPDE.Core.Families.Darcy;
using NeuralPDE.Core.Specs;
using NeuralPDE.Data.Generation;
using NeuralPDE.Data.Generation.Recipes;
using NeuralPDE.Numerics.Krylov;
using NeuralPDE.Numerics.Linear;

namespace NeuralPDE.Cli.Commands;

/// <summary>
/// <c>neuralpde bench krylov</c>: on the same sequence of systems (Darcy coefficient fields, the SKR case; or the
/// systems of the poisson-2d or poisson-star dataset recipes), tolerance and preconditioner, times
/// GMRES(m), GCRO-DR(m, k) in natural order and GCRO-DR(m, k) sorted by the greedy nearest-neighbour chain (SKR), and
/// on the symmetric problems (darcy-2d, poisson-2d) CG and recycled CG (<see cref="RecycledCg"/>) along the same chain.
/// Times are the linear solves plus (for sorted) the ordering; assembly, identical for all methods, is excluded and
/// reported separately. A short warm-up (JIT) precedes the timed runs.
/// </summary>
public static class BenchKrylovCommand
{
    public static Command Create()
    {
        var problem = new Option<string>("--problem") { Description = "The sequence: darcy-2d (thresholded-GRF coefficients, the SKR case), poisson-2d (one matrix, GRF sources) or poisson-star (random star domains, embedded in the full grid).", DefaultValueFactory = _ => "darcy-2d" };
        var n = new Option<int>("--n") { Description = "n² unknowns per system: interior points per direction (darcy-2d, poisson-2d) or grid nodes per direction (poisson-star).", DefaultValueFactory = _ => 80 };
        var systems = new Option<int>("--systems") { Description = "Number of systems (seeds 0..systems-1).", DefaultValueFactory = _ => 200 };
        var tol = new Option<double>("--tol") { Description = "Relative residual tolerance.", DefaultValueFactory = _ => 1e-8 };
        var precond = new Option<string>("--precond") { Description = "none | jacobi | ilu0 | ssor", DefaultValueFactory = _ => "none" };
        var m = new Option<int>("--m") { Description = "Krylov subspace size (GMRES restart, GCRO-DR m).", DefaultValueFactory = _ => 40 };
        var k = new Option<int>("--k") { Description = "Recycle dimension (GCRO-DR and recycled CG).", DefaultValueFactory = _ => 20 };
        var ordering = new Option<string>("--ordering") { Description = "Sorted ordering: greedy | grouped.", DefaultValueFactory = _ => "greedy" };
        var methods = new Option<string?>("--methods") { Description = "Comma list of gmres, natural, sorted (GCRO-DR), cg, rcg (recycled CG, sorted; symmetric problems). Default: all that apply (gmres,natural,sorted,cg,rcg; poisson-star: gmres,natural,sorted)." };
        var window = new Option<int>("--window") { Description = "Recycled CG: search directions per solve kept for the Rayleigh-Ritz refresh of its recycle space (its k is --k).", DefaultValueFactory = _ => 20 };
        var update = new Option<int>("--update-interval") { Description = "GCRO-DR: cycles between recycle-space updates within a solve (1 = every cycle, as in Parks et al.).", DefaultValueFactory = _ => 4 };
        var repeat = new Option<int>("--repeat") { Description = "Run the methods round-robin this many times and keep each method's fastest run (robust timings on a loaded machine).", DefaultValueFactory = _ => 1 };
        var json = CommonOptions.Json();
        var export = new Option<string?>("--export-dir") { Description = "Write the systems as MatrixMarket files (A_i.mtx, b_i.mtx) and the sorted order." };
        var quiet = CommonOptions.Quiet();
        var command = new Command("krylov", "GMRES vs GCRO-DR recycling (natural and sorted order), and on symmetric problems CG vs recycled CG, on a sequence of Darcy (or poisson-2d, poisson-star) systems.")
        {
            problem, n, systems, tol, precond, m, k, ordering, methods, window, update, repeat, json, export, quiet,
        };
        command.SetAction(parse => CliApp.Guard(() => Execute(new Settings(
            parse.GetValue(problem)!, parse.GetValue(n), parse.GetValue(systems), parse.GetValue(tol), parse.GetValue(precond)!,
            parse.GetValue(m), parse.GetValue(k), parse.GetValue(ordering)!, parse.GetValue(methods), parse.GetValue(window), parse.GetValue(update), parse.GetValue(repeat), parse.GetValue(json),
            parse.GetValue(export), parse.GetValue(quiet)))));
        return command;
    }

    public sealed record Settings(string Problem, int N, int Systems, double Tolerance, string Preconditioner, int M, int K,
        string Ordering, string? Methods, int Window, int UpdateInterval, int Repeat, string? JsonPath, string? ExportDir, bool Quiet);

    private sealed record MethodRun(string Name, string Label, SequenceSolveResult Result, double Seconds, double CpuSeconds, long WorkspaceVectors);

    public static int Execute(Settings s)
    {
        const string Source = "bench krylov";
        if (s.Problem is not ("darcy-2d" or "poisson-2d" or "poisson-star"))
        {
            throw new SpecException(Source, "--problem", $"expected darcy-2d, poisson-2d or poisson-star, got {s.Problem}");
        }
        if (s.N < (s.Problem == "poisson-star" ? 9 : 4) || s.N > 2000)
        {
            throw new SpecException(Source, "--n", $"expected {(s.Problem == "poisson-star" ? 9 : 4)}..2000 points per direction, got {s.N}");
        }
        if (s.Systems < 1 || s.Systems > 100_000)
        {
            throw new SpecException(Source, "--systems", $"expected 1..100000, got {s.Systems}");
        }
        if (!(s.Tolerance > 0 && s.Tolerance < 1))
        {
            throw new SpecException(Source, "--tol", $"expected a number in (0, 1), got {s.Tolerance}");
        }
        IPreconditionerFactory? factory = s.Preconditioner switch
        {
            "none" => null,
            "jacobi" => JacobiPreconditioner.Factory,
            "ilu0" => Ilu0Preconditioner.Factory,
            "ssor" => SsorPreconditioner.Factory,
            _ => throw new SpecException(Source, "--precond", $"expected none, jacobi, ilu0 or ssor, got {s.Preconditioner}"),
        };
        if (s.K < 1 || s.M <= s.K || s.M > 1000)
        {
            throw new SpecException(Source, "--m/--k", $"expected 1 <= k < m <= 1000, got m = {s.M}, k = {s.K}");
        }
        if (s.UpdateInterval < 1)
        {
            throw new SpecException(Source, "--update-interval", $"expected an integer >= 1, got {s.UpdateInterval}");
        }
        if (s.Repeat < 1 || s.Repeat > 20)
        {
            throw new SpecException(Source, "--repeat", $"expected 1..20, got {s.Repeat}");
        }
        OrderingKind sortedKind = s.Ordering switch
        {
            "greedy" => OrderingKind.Greedy,
            "grouped" => OrderingKind.GroupedGreedy,
            _ => throw new SpecException(Source, "--ordering", $"expected greedy or grouped, got {s.Ordering}"),
        };
        bool symmetric = s.Problem != "poisson-star";
        string[] wanted = (s.Methods ?? (symmetric ? "gmres,natural,sorted,cg,rcg" : "gmres,natural,sorted"))
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (string w in wanted)
        {
            if (w is not ("gmres" or "natural" or "sorted" or "cg" or "rcg"))
            {
                throw new SpecException(Source, "--methods", $"expected a comma list of gmres, natural, sorted, cg, rcg, got {w}");
            }
            if (w is "cg" or "rcg" && !symmetric)
            {
                throw new SpecException(Source, "--methods", $"{w} needs symmetric matrices, and poisson-star's (Shortley-Weller) matrices are not; use gmres, natural or sorted");
            }
        }
        if (s.Window < 1 || s.Window > 1000)
        {
            throw new SpecException(Source, "--window", $"expected 1..1000 directions, got {s.Window}");
        }
        if (s.JsonPath is not null)
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(s.JsonPath));
            if (folder is not null && !Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"--json {s.JsonPath}: folder {folder} does not exist");
            }
        }

        var spec = ProblemCatalog.Problems().Load("darcy-2d", []);
        var darcy = DarcyProblem.FromSpec(spec);
        var clock = Stopwatch.StartNew();
        IReadOnlyList<LinearSystemItem> items = Systems(s.Problem, darcy, s.N, s.Systems);
        double sampling = clock.Elapsed.TotalSeconds;
        int unknowns = s.N * s.N;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{s.Problem}: {s.Systems} systems, {unknowns} unknowns each, tol {s.Tolerance:G3}, preconditioner {s.Preconditioner}, GCRO-DR update interval {s.UpdateInterval}; {Varies(s.Problem)} sampled in {sampling:F2} s"));

        if (s.ExportDir is not null)
        {
            Export(s.ExportDir, items, sortedKind, s.Quiet);
        }

        // Warm-up: JIT and tiered recompilation of the kernels (tier-1 code is compiled in the background).
        var warm = DarcySystemSequence.Create(darcy, Math.Min(s.N, 32), 4);
        for (int pass = 0; pass < 3; pass++)
        {
            new SequenceSolver(new Gmres(s.M, s.Tolerance, 20_000, factory)).Solve(warm);
            new SequenceSolver(new GcroDr(s.M, s.K, s.Tolerance, 20_000, factory) { UpdateInterval = s.UpdateInterval }, sortedKind).Solve(warm);
            if (symmetric)
            {
                new SequenceSolver(new ConjugateGradient(s.Tolerance, 20_000, factory)).Solve(warm);
                new SequenceSolver(new RecycledCg(s.K, s.Window, s.Tolerance, 20_000, factory), sortedKind).Solve(warm);
            }
            Thread.Sleep(200);
        }

        var best = new Dictionary<string, MethodRun>();
        for (int round = 0; round < s.Repeat; round++)
        {
            foreach (string w in wanted)
            {
                MethodRun run = RunMethod(w, s, factory, sortedKind, items, s.Repeat > 1 ? $" (round {round + 1}/{s.Repeat})" : "");
                if (!best.TryGetValue(w, out MethodRun? old) || run.Seconds < old.Seconds)
                {
                    best[w] = run with { CpuSeconds = old is null ? run.CpuSeconds : Math.Min(old.CpuSeconds, run.CpuSeconds) };
                }
                else
                {
                    best[w] = old with { CpuSeconds = Math.Min(old.CpuSeconds, run.CpuSeconds) };
                }
            }
        }
        var runs = wanted.Distinct().Select(w => best[w]).ToList();

        MethodRun? baseline = runs.FirstOrDefault(r => r.Name == "gmres");
        Console.WriteLine();
        Console.WriteLine($"{"method",-28} {"time [s]",9} {"cpu [s]",8} {"mean its",9} {"max relres",11} {"converged",9} {"speedup(t)",10} {"speedup(its)",12} {"memory",12}");
        foreach (MethodRun run in runs)
        {
            string st = baseline is null ? "-" : (baseline.Seconds / run.Seconds).ToString("F2", CultureInfo.InvariantCulture) + "x";
            string si = baseline is null ? "-" : (baseline.Result.MeanIterations / run.Result.MeanIterations).ToString("F2", CultureInfo.InvariantCulture) + "x";
            double mb = run.WorkspaceVectors * unknowns * 8 / (1024.0 * 1024.0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{run.Label,-28} {run.Seconds,9:F2} {run.CpuSeconds,8:F2} {run.Result.MeanIterations,9:F1} {run.Result.MaxRelativeResidual,11:E2} {run.Result.Statistics.Count(x => x.Converged) + "/" + run.Result.Statistics.Length,9} {st,10} {si,12} {run.WorkspaceVectors + " vec " + mb.ToString("F1", CultureInfo.InvariantCulture) + "MB",12}"));
        }
        double assembly = runs.Count > 0 ? runs[0].Result.AssemblySeconds : 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(assembly {assembly:F2} s per pass, excluded; time = solves + ordering, best of {s.Repeat}; cpu = process CPU time of the whole pass; memory = solver vectors of {unknowns} doubles)"));

        bool allConverged = runs.All(r => r.Result.AllConverged);
        if (s.JsonPath is not null)
        {
            MethodRun? sorted = runs.FirstOrDefault(r => r.Name == "sorted");
            var summary = new JsonObject
            {
                ["problem"] = s.Problem,
                ["method"] = "bench-krylov",
                ["wallSeconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3),
                ["samples"] = s.Systems,
                ["unknowns"] = unknowns,
                ["tolerance"] = s.Tolerance,
                ["preconditioner"] = s.Preconditioner,
                ["m"] = s.M,
                ["k"] = s.K,
                ["ordering"] = s.Ordering,
                ["updateInterval"] = s.UpdateInterval,
                ["peakMemoryMB"] = JsonSummary.PeakMemoryMB(),
                ["maxRelResidual"] = JsonSummary.Number(runs.Count == 0 ? 0 : runs.Max(r => r.Result.MaxRelativeResidual)),
                ["allConverged"] = allConverged,
                ["processorCount"] = Environment.ProcessorCount,
                ["repeat"] = s.Repeat,
            };
            if (baseline is not null && sorted is not null)
            {
                summary["speedupTime"] = JsonSummary.Number(baseline.Seconds / sorted.Seconds);
                summary["speedupCpuTime"] = JsonSummary.Number(baseline.CpuSeconds / sorted.CpuSeconds);
                summary["speedupIterations"] = JsonSummary.Number(baseline.Result.MeanIterations / sorted.Result.MeanIterations);
            }
            MethodRun? rcg = runs.FirstOrDefault(r => r.Name == "rcg");
            if (baseline is not null && rcg is not null)
            {
                // The symmetric counterpart of sorted GCRO-DR, against the same GMRES(m) baseline (and plain CG when run).
                MethodRun? cg = runs.FirstOrDefault(r => r.Name == "cg");
                summary["recycledCg"] = new JsonObject
                {
                    ["speedupTime"] = JsonSummary.Number(baseline.Seconds / rcg.Seconds),
                    ["speedupCpuTime"] = JsonSummary.Number(baseline.CpuSeconds / rcg.CpuSeconds),
                    ["speedupIterations"] = JsonSummary.Number(baseline.Result.MeanIterations / rcg.Result.MeanIterations),
                    ["speedupTimeOverCg"] = cg is null ? null : JsonSummary.Number(cg.Seconds / rcg.Seconds),
                };
            }
            var methodsJson = new JsonObject();
            foreach (MethodRun run in runs)
            {
                methodsJson[run.Name] = new JsonObject
                {
                    ["label"] = run.Label,
                    ["seconds"] = Math.Round(run.Seconds, 4),
                    ["cpuSeconds"] = Math.Round(run.CpuSeconds, 4),
                    ["orderingSeconds"] = Math.Round(run.Result.OrderingSeconds, 4),
                    ["assemblySeconds"] = Math.Round(run.Result.AssemblySeconds, 4),
                    ["meanIterations"] = run.Result.MeanIterations,
                    ["totalIterations"] = run.Result.TotalIterations,
                    ["maxRelResidual"] = JsonSummary.Number(run.Result.MaxRelativeResidual),
                    ["converged"] = run.Result.Statistics.Count(x => x.Converged),
                    ["workspaceVectors"] = run.WorkspaceVectors,
                    ["workspaceMB"] = Math.Round(run.WorkspaceVectors * unknowns * 8 / (1024.0 * 1024.0), 2),
                };
            }
            summary["methods"] = methodsJson;
            JsonSummary.Write(s.JsonPath, summary);
            Console.WriteLine($"wrote {s.JsonPath}");
        }
        if (!allConverged)
        {
            Console.Error.WriteLine("neuralpde: warning: some systems did not reach the tolerance (see 'converged')");
            return 1;
        }
        return 0;
    }

    /// <summary>The sequence of <paramref name="count"/> systems (seeds 0, 1, …) with n² unknowns each.</summary>
    private static IReadOnlyList<LinearSystemItem> Systems(string problem, DarcyProblem darcy, int n, int count)
    {
        if (problem == "darcy-2d")
        {
            return DarcySystemSequence.Create(darcy, n, count);
        }
        // The recipe's own generator, built as `generate` builds it (its solver is not used: gmres needs no memory check).
        int resolution = problem == "poisson-2d" ? n + 2 : n;
        DatasetRecipe recipe = DatasetRecipes.Load(problem, [string.Create(CultureInfo.InvariantCulture, $"spec.reference.resolution={resolution}")]);
        ISampleGenerator generator = RecipeGenerators.Create(recipe, RecipeGenerators.Spec(recipe), new GeneratorOptions(Solver: "gmres"));
        long[] seeds = Enumerable.Range(0, count).Select(i => (long)i).ToArray();
        return generator switch
        {
            PoissonSquareRecipeGenerator square => square.Systems(seeds).Items,
            StarPoissonRecipeGenerator star => star.Systems(seeds).Items,
            _ => throw new InvalidOperationException($"{problem}: no linear systems to benchmark"),
        };
    }

    /// <summary>What changes from one system to the next (and what the sorted order compares).</summary>
    private static string Varies(string problem) => problem switch
    {
        "poisson-2d" => "one matrix, sources",
        "poisson-star" => "star domains (masks), sources and boundary data",
        _ => "coefficients",
    };

    private static MethodRun RunMethod(string w, Settings s, IPreconditionerFactory? factory, OrderingKind sortedKind, IReadOnlyList<LinearSystemItem> items, string suffix)
    {
        (ILinearSolver solver, OrderingKind kind, string label, long vectors) = w switch
        {
            // A sequence that repeats one matrix (poisson-2d) builds GMRES's preconditioner once, as GCRO-DR does.
            "gmres" => ((ILinearSolver)new Gmres(s.M, s.Tolerance, 50_000, factory is null ? null : new ReusedPreconditionerFactory(factory)), OrderingKind.Natural, $"GMRES({s.M})", s.M + 3L),
            "natural" => Recycling(OrderingKind.Natural, "natural"),
            "cg" => (new ConjugateGradient(s.Tolerance, 50_000, factory is null ? null : new ReusedPreconditionerFactory(factory)), OrderingKind.Natural, "CG", 4L),
            "rcg" => RecycledCg(),
            _ => Recycling(sortedKind, "sorted"),
        };
        (ILinearSolver, OrderingKind, string, long) RecycledCg()
        {
            var rcg = new RecycledCg(s.K, s.Window, s.Tolerance, 50_000, factory);
            return (rcg, sortedKind, $"recycled CG({s.K},{s.Window}) sorted", rcg.WorkspaceVectors);
        }
        (ILinearSolver, OrderingKind, string, long) Recycling(OrderingKind order, string name)
        {
            var gcro = new GcroDr(s.M, s.K, s.Tolerance, 50_000, factory) { UpdateInterval = s.UpdateInterval };
            return (gcro, order, $"GCRO-DR({s.M},{s.K}) {name}", gcro.WorkspaceVectors);
        }
        var sequence = new SequenceSolver(solver, kind) { KeepSolutions = false };
        var progressClock = Stopwatch.StartNew();
        double lastReport = 0;
        int itsSoFar = 0;
        var progress = new SynchronousProgress<SequenceProgress>(p =>
        {
            itsSoFar += p.Last.Iterations;
            double now = progressClock.Elapsed.TotalSeconds;
            if (!s.Quiet && (p.Done == p.Total || p.Done % Math.Max(1, p.Total / 10) == 0 || now - lastReport > 10))
            {
                lastReport = now;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {label}{suffix}: {p.Done}/{p.Total} systems, mean iterations {itsSoFar / (double)p.Done:F1}, {now:F1} s"));
            }
        });
        GC.Collect();
        TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        SequenceSolveResult result = sequence.Solve(items, progress);
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        return new MethodRun(w, label, result, result.SolveSeconds + result.OrderingSeconds, cpu, vectors);
    }

    private static void Export(string dir, IReadOnlyList<LinearSystemItem> items, OrderingKind sortedKind, bool quiet)
    {
        if (!Directory.Exists(dir))
        {
            Directory.CreateDirectory(dir);
        }
        for (int i = 0; i < items.Count; i++)
        {
            LinearSystem system = items[i].Build();
            MatrixMarket.WriteMatrix(Path.Combine(dir, $"A_{i:D4}.mtx"), system.Matrix);
            MatrixMarket.WriteVector(Path.Combine(dir, $"b_{i:D4}.mtx"), system.RightHandSide);
            if (!quiet && ((i + 1) % Math.Max(1, items.Count / 10) == 0 || i + 1 == items.Count))
            {
                Console.WriteLine($"  export: {i + 1}/{items.Count} systems");
            }
        }
        int[] order = SystemOrdering.Create(sortedKind, items.Select(x => x.Parameters).ToList());
        File.WriteAllText(Path.Combine(dir, "order_sorted.txt"), string.Join('\n', order) + "\n");
        Console.WriteLine($"wrote {items.Count} systems (A_i.mtx, b_i.mtx) and order_sorted.txt to {dir}");
    }
}
