using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using NeuralPDE.Cli.Output;
using NeuralPDE.Core.Families.Poisson;
using NeuralPDE.Core.Specs;
using NeuralPDE.Learning.WalkOnSpheres;
using NeuralPDE.Numerics.Solvers;

namespace NeuralPDE.Cli.Commands;

/// <summary>
/// <c>neuralpde bench wos-vs-pinn</c>: the same MLP trained on the poisson-star problem for the same number of Adam steps
/// by walk-on-spheres supervision and by the PINN residual (<see cref="StarPoissonMlpTrainer"/>); reports the relative
/// L2 error against the finite-difference reference, time per step (WoS walks included) and peak memory, and the
/// PINN/WoS ratios. Each method runs in its own child process (this executable with <c>--only</c>), so that its peak
/// resident memory (VmHWM) is its own; the training-memory figure is that peak minus the resident memory just before
/// training (after the reference solve and JIT warm-up), which isolates what training itself allocates.
/// </summary>
public static class BenchWosVsPinnCommand
{
    /// <summary>The MLP mode's option defaults: the trainer's own.</summary>
    private static readonly MlpSupervisionSettings Defaults = new();

    public static Command Create()
    {
        var steps = new Option<int>("--steps") { Description = "Adam steps for each method.", DefaultValueFactory = _ => Defaults.Steps };
        var width = new Option<int>("--width") { Description = "Hidden units per layer.", DefaultValueFactory = _ => Defaults.Width };
        var depth = new Option<int>("--depth") { Description = "Hidden layers.", DefaultValueFactory = _ => Defaults.Depth };
        var batch = new Option<int>("--batch") { Description = "Interior points per step (PINN collocation; WoS mini-batch).", DefaultValueFactory = _ => Defaults.Batch };
        var pool = new Option<int>("--pool") { Description = "WoS: interior points with targets.", DefaultValueFactory = _ => Defaults.Pool };
        var walks = new Option<int>("--walks-per-refresh") { Description = "WoS: new walks per pool point at each refresh (running mean).", DefaultValueFactory = _ => Defaults.WalksPerRefresh };
        var refresh = new Option<int>("--refresh-every") { Description = "WoS: steps between refreshes.", DefaultValueFactory = _ => Defaults.RefreshEvery };
        var eps = new Option<double>("--epsilon") { Description = "WoS: shell width relative to the domain's box diameter.", DefaultValueFactory = _ => Defaults.RelativeEpsilon };
        var pinnWeight = new Option<double>("--pinn-boundary-weight") { Description = "PINN: weight of the boundary penalty.", DefaultValueFactory = _ => Defaults.PinnBoundaryWeight };
        var wosWeight = new Option<double>("--wos-boundary-weight") { Description = "WoS: weight of the boundary penalty (0: none).", DefaultValueFactory = _ => Defaults.WosBoundaryWeight };
        var lr = new Option<double>("--lr") { Description = "Adam learning rate (both methods).", DefaultValueFactory = _ => Defaults.LearningRate };
        var threads = new Option<int>("--threads") { Description = "WoS walker threads (0 = all cores).", DefaultValueFactory = _ => 0 };
        var resolution = new Option<int>("--resolution") { Description = "Finite-difference reference grid points per direction.", DefaultValueFactory = _ => 129 };
        var only = new Option<string?>("--only") { Description = "Run one method in this process (pinn or wos) instead of both in child processes." };
        var model = new Option<string>("--model") { Description = "mlp: one problem, the MLP options above. fno: the WoS-NO comparison, the poisson-star operator (its wos section) trained on WoS targets vs physics-informed (--baseline).", DefaultValueFactory = _ => "mlp" };
        var baseline = new Option<string>("--baseline") { Description = "fno: the physics-informed run. autograd: -Δu - f by autograd at random points of each star, the operator evaluated between grid nodes (WoS-NO's baseline). residual: the relative residual of each star's Shortley-Weller equations (a stencil, no autograd).", DefaultValueFactory = _ => "autograd" };
        var epochs = new Option<int?>("--epochs") { Description = "fno: training epochs of both runs (default: wos.training.epochs)." };
        var data = new Option<string?>("--data") { Description = "fno: the poisson-star dataset (default: the wos.data recipe, generated when missing)." };
        var set = CommonOptions.Set();
        set.Description = "fno: override a poisson-star spec value for both runs (wos.model.*, wos.training.*, wos.data.*), e.g. --set wos.training.threads=1.";
        var seed = CommonOptions.Seed();
        var json = CommonOptions.Json();
        var quiet = CommonOptions.Quiet();
        var command = new Command("wos-vs-pinn", "Walk-on-spheres supervision vs physics-informed training on poisson-star, same network and steps (--model mlp: one problem; fno: the operator over random stars): error, time per step, peak memory.")
        {
            steps, width, depth, batch, pool, walks, refresh, eps, pinnWeight, wosWeight, lr, threads, resolution, only, model, baseline, epochs, data, set, seed, json, quiet,
        };
        command.SetAction(parse => CliApp.Guard(() =>
        {
            string kind = parse.GetValue(model) ?? "mlp";
            if (kind == "fno")
            {
                Option[] mlpOnly = [steps, width, depth, batch, pool, walks, refresh, eps, pinnWeight, wosWeight, lr, threads, resolution, only];
                if (mlpOnly.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is Option given)
                {
                    throw new SpecException(Source, given.Name, "applies to --model mlp only (the operator's settings come from the spec's wos section: use --set)");
                }
                return BenchWosOperatorComparison.Execute(parse.GetValue(baseline) ?? "autograd", parse.GetValue(epochs), parse.GetValue(data), parse.GetValue(set) ?? [], parse.GetValue(seed), parse.GetValue(json), parse.GetValue(quiet));
            }
            if (kind != "mlp")
            {
                throw new SpecException(Source, "--model", $"expected mlp or fno, got {kind}");
            }
            if (parse.GetValue(epochs) is not null || parse.GetValue(data) is not null || parse.GetValue(set) is { Length: > 0 } || parse.GetResult(baseline) is { Implicit: false })
            {
                throw new SpecException(Source, "--model", "--baseline, --epochs, --data and --set apply to --model fno only");
            }
            var settings = new MlpSupervisionSettings
            {
                Steps = parse.GetValue(steps), Width = parse.GetValue(width), Depth = parse.GetValue(depth), Batch = parse.GetValue(batch),
                Pool = parse.GetValue(pool), WalksPerRefresh = parse.GetValue(walks), RefreshEvery = parse.GetValue(refresh),
                RelativeEpsilon = parse.GetValue(eps), PinnBoundaryWeight = parse.GetValue(pinnWeight), WosBoundaryWeight = parse.GetValue(wosWeight),
                LearningRate = parse.GetValue(lr),
                Threads = parse.GetValue(threads), Seed = parse.GetValue(seed),
            };
            return Execute(settings, parse.GetValue(resolution), parse.GetValue(only), parse.GetValue(json), parse.GetValue(quiet));
        }));
        return command;
    }

    private const string Source = "bench wos-vs-pinn";

    public static int Execute(MlpSupervisionSettings settings, int resolution, string? only, string? jsonPath, bool quiet)
    {
        try
        {
            settings.Validate();
        }
        catch (ArgumentException e)
        {
            throw new SpecException(Source, OptionName(e.Message.Split(':')[0]), e.Message[(e.Message.IndexOf(':') + 2)..]);
        }
        if (resolution < 17 || resolution > 1025)
        {
            throw new SpecException(Source, "--resolution", $"expected 17..1025, got {resolution}");
        }
        JsonSummary.CheckFolder(jsonPath);
        if (only is not null)
        {
            SupervisionMethod method = only switch
            {
                "pinn" => SupervisionMethod.Pinn,
                "wos" => SupervisionMethod.Wos,
                _ => throw new SpecException(Source, "--only", $"expected pinn or wos, got {only}"),
            };
            JsonObject run = RunOne(method, settings, resolution, quiet);
            if (jsonPath is not null)
            {
                JsonSummary.Write(jsonPath, run);
            }
            return 0;
        }
        var clock = Stopwatch.StartNew();
        var runs = new Dictionary<string, JsonObject>();
        foreach (string m in new[] { "pinn", "wos" })
        {
            runs[m] = RunChild(m, settings, resolution, quiet);
        }
        JsonObject pinn = runs["pinn"], wos = runs["wos"];
        double Get(JsonObject o, string key) => o[key]?.GetValue<double>() ?? double.NaN;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"poisson-star, MLP {settings.Depth}x{settings.Width} tanh, {settings.Steps} Adam steps, batch {settings.Batch}, boundary {settings.BoundaryBatch} points x weight {settings.PinnBoundaryWeight} (PINN) / {settings.WosBoundaryWeight} (WoS); FD reference {resolution}^2"));
        Console.WriteLine($"{"method",-6} {"rel L2",10} {"ms/step",9} {"walk ms/step",12} {"peak MB",9} {"train MB",9}");
        foreach (var (name, o) in runs)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-6} {Get(o, "relL2"),10:G4} {1e3 * Get(o, "secondsPerStep"),9:F2} {1e3 * Get(o, "walkSeconds") / settings.Steps,12:F2} {Get(o, "peakMemoryMB"),9:F0} {Get(o, "trainingMemoryMB"),9:F0}"));
        }
        double errorRatio = Get(pinn, "relL2") / Get(wos, "relL2");
        double timeRatio = Get(pinn, "secondsPerStep") / Get(wos, "secondsPerStep");
        double memoryRatio = Get(pinn, "trainingMemoryMB") / Math.Max(1, Get(wos, "trainingMemoryMB"));
        double peakRatio = Get(pinn, "peakMemoryMB") / Get(wos, "peakMemoryMB");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"PINN / WoS: error {errorRatio:F2}x, time per step {timeRatio:F2}x, training memory {memoryRatio:F2}x (whole-process peak {peakRatio:F2}x)"));
        Console.WriteLine("(WoS-NO reports 8.75x error, 6.31x time, 2.97x memory for its neural operator on GPU; train MB = peak RSS during training minus RSS before it)");
        if (jsonPath is not null)
        {
            var summary = new JsonObject
            {
                ["problem"] = "poisson-star",
                ["method"] = "wos-vs-pinn",
                ["wallSeconds"] = JsonSummary.Number(clock.Elapsed.TotalSeconds),
                ["steps"] = settings.Steps,
                ["relL2"] = JsonSummary.Number(Get(wos, "relL2")),
                ["peakMemoryMB"] = JsonSummary.Number(Math.Max(Get(pinn, "peakMemoryMB"), Get(wos, "peakMemoryMB"))),
                ["errorRatio"] = JsonSummary.Number(errorRatio),
                ["timePerStepRatio"] = JsonSummary.Number(timeRatio),
                ["trainingMemoryRatio"] = JsonSummary.Number(memoryRatio),
                ["peakMemoryRatio"] = JsonSummary.Number(peakRatio),
                ["processorCount"] = Environment.ProcessorCount,
                ["pinn"] = JsonNode.Parse(pinn.ToJsonString()),
                ["wos"] = JsonNode.Parse(wos.ToJsonString()),
            };
            JsonSummary.Write(jsonPath, summary);
            Console.WriteLine($"wrote {jsonPath}");
        }
        return 0;
    }

    /// <summary>The command-line option of a setting named in <see cref="MlpSupervisionSettings.Validate"/>.</summary>
    private static string OptionName(string setting) => setting switch
    {
        "relativeEpsilon" => "--epsilon",
        "learningRate" => "--lr",
        _ => "--" + string.Concat(setting.Select(c => char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString())),
    };

    private static JsonObject RunOne(SupervisionMethod method, MlpSupervisionSettings settings, int resolution, bool quiet)
    {
        var spec = ProblemCatalog.Problems().Load("poisson-star", []);
        var problem = StarPoissonProblem.FromSpec(spec);
        var reference = ReferenceSolvers.For(spec).Solve(spec, new SolveOptions { Resolution = resolution });
        var trainer = new StarPoissonMlpTrainer(problem, reference, settings);
        // Warm-up (JIT, libtorch kernels) on a tiny run, excluded from the timing.
        new StarPoissonMlpTrainer(problem, reference, settings with { Steps = 2, Pool = 64, RefreshEvery = 1 }).Run(method);
        var progress = quiet ? null : new Progress<string>(line => Console.Error.WriteLine("  " + line));
        var probe = TrainingMemory.Start();
        MlpSupervisionResult r = trainer.Run(method, progress);
        TrainingMemoryReading memory = probe.Stop();
        var history = new JsonArray();
        foreach (var (step, loss, rel) in r.History)
        {
            history.Add(new JsonObject { ["step"] = step, ["loss"] = JsonSummary.Number(loss), ["relL2"] = JsonSummary.Number(rel) });
        }
        return new JsonObject
        {
            ["problem"] = "poisson-star",
            ["method"] = method == SupervisionMethod.Pinn ? "pinn" : "wos",
            ["steps"] = r.Steps,
            ["relL2"] = JsonSummary.Number(r.RelativeL2),
            ["wallSeconds"] = JsonSummary.Number(r.Seconds),
            ["secondsPerStep"] = JsonSummary.Number(r.SecondsPerStep),
            ["walkSeconds"] = JsonSummary.Number(r.WalkSeconds),
            ["totalWalks"] = r.TotalWalks,
            ["targetStandardError"] = JsonSummary.Number(r.TargetStandardError),
            ["finalLoss"] = JsonSummary.Number(r.FinalLoss),
            ["peakMemoryMB"] = JsonSummary.Number(Math.Round(memory.PhasePeakMB, 1)),
            ["memoryBeforeTrainingMB"] = JsonSummary.Number(Math.Round(memory.BeforeMB, 1)),
            ["trainingMemoryMB"] = JsonSummary.Number(Math.Round(memory.TrainingMB, 1)),
            ["peakWasReset"] = memory.PeakWasReset,
            ["evaluationPoints"] = trainer.EvaluationPoints,
            ["history"] = history,
        };
    }

    private static JsonObject RunChild(string method, MlpSupervisionSettings s, int resolution, bool quiet)
    {
        string temp = Path.Combine(Path.GetTempPath(), $"neuralpde-wos-vs-pinn-{Environment.ProcessId}-{method}.json");
        string I(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        return ChildRun.Json(
        [
            "bench", "wos-vs-pinn", "--only", method, "--json", temp, "--steps", I(s.Steps), "--width", I(s.Width), "--depth", I(s.Depth),
            "--batch", I(s.Batch), "--pool", I(s.Pool), "--walks-per-refresh", I(s.WalksPerRefresh), "--refresh-every", I(s.RefreshEvery),
            "--epsilon", I(s.RelativeEpsilon), "--pinn-boundary-weight", I(s.PinnBoundaryWeight), "--wos-boundary-weight", I(s.WosBoundaryWeight), "--lr", I(s.LearningRate), "--threads", I(s.Threads),
            "--resolution", I(resolution), "--seed", I(s.Seed),
        ], temp, method, quiet);
    }
}
