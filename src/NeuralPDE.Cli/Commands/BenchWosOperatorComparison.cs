using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using NeuralPDE.Cli.Output;

namespace NeuralPDE.Cli.Commands;

/// <summary>
/// <c>neuralpde bench wos-vs-pinn --model fno</c>: the WoS-NO comparison itself. The same Fourier neural operator (the
/// <c>wos</c> section of poisson-star: data, model, epochs, batches, schedule, seed) is trained once on running-mean
/// walk-on-spheres targets and once physics-informed (<c>--baseline</c>): by default as WoS-NO's baseline, −Δu − f by
/// autograd at random points of each star (<c>wos.training.supervision = autograd</c>), or on the relative residual of
/// each sample's Shortley–Weller equations (<c>residual</c>, a stencil, no autograd); neither sees solver data. Each run is
/// <c>train poisson-star --method wos</c> in its own child process, so its peak memory is its own. Reports the test
/// error against the finite-difference solutions, time per optimiser step (walks included), training memory (peak
/// resident memory while training above the resident memory before it) and whole-process peak memory, and the
/// physics-informed/WoS ratios.
/// </summary>
public static class BenchWosOperatorComparison
{
    /// <summary>The physics-informed baselines <c>--baseline</c> accepts (values of <c>wos.training.supervision</c>).</summary>
    public static readonly string[] Baselines = ["autograd", "residual"];

    public static int Execute(string baseline, int? epochs, string? data, IReadOnlyList<string> set, int seed, string? jsonPath, bool quiet)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        JsonSummary.CheckFolder(jsonPath);
        if (!Baselines.Contains(baseline))
        {
            throw new Core.Specs.SpecException("bench wos-vs-pinn", "--baseline", $"expected {string.Join(" or ", Baselines)}, got {baseline}");
        }
        if (epochs is < 1)
        {
            throw new Core.Specs.SpecException("bench wos-vs-pinn", "--epochs", $"expected an integer >= 1, got {epochs}");
        }
        if (set.Any(assignment => assignment.StartsWith("wos.training.supervision", StringComparison.Ordinal)))
        {
            throw new Core.Specs.SpecException("bench wos-vs-pinn", "--set", "wos.training.supervision is what the comparison varies; leave it out");
        }
        var clock = Stopwatch.StartNew();
        var runs = new Dictionary<string, JsonObject>();
        foreach (string supervision in new[] { baseline, "wos" })
        {
            runs[supervision] = RunChild(supervision, epochs, data, set, seed, quiet);
        }
        JsonObject physics = runs[baseline], wos = runs["wos"];
        double Get(JsonObject o, string key) => o[key]?.GetValue<double>() ?? double.NaN;
        // Time per step: training time without the test evaluations and checkpoints (WoS runs also check their
        // targets against FD there), walks included.
        double PerStep(JsonObject o) => (Get(o, "trainSeconds") - (o["evaluationSeconds"]?.GetValue<double>() ?? 0)) / Steps(o);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"poisson-star operator: {wos["model"]?["width"]}-wide FNO, {Get(wos, "epochs")} epochs x {Steps(wos) / Math.Max(1, Get(wos, "epochs")):F0} Adam steps, {Get(wos, "samples")} training stars; error vs FD on {Get(wos, "testSamples")} test stars"));
        Console.WriteLine($"{"supervision",-12} {"rel L2",10} {"ms/step",9} {"walk ms/step",12} {"peak MB",9} {"train MB",9}");
        foreach (var (name, o) in runs)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-12} {Get(o, "relL2"),10:G4} {1e3 * PerStep(o),9:F1} {1e3 * Get(o, "walkSeconds") / Steps(o),12:F1} {Get(o, "peakMemoryMB"),9:F0} {Get(o, "trainingMemoryMB"),9:F0}"));
        }
        double errorRatio = Get(physics, "relL2") / Get(wos, "relL2");
        double timeRatio = PerStep(physics) / PerStep(wos);
        double memoryRatio = Get(physics, "peakMemoryMB") / Get(wos, "peakMemoryMB");
        double trainingMemoryRatio = Get(physics, "trainingMemoryMB") / Math.Max(1, Get(wos, "trainingMemoryMB"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"physics-informed ({baseline}) / WoS: error {errorRatio:F2}x, time per step {timeRatio:F2}x, training memory {trainingMemoryRatio:F2}x (whole-process peak {memoryRatio:F2}x)"));
        Console.WriteLine("(train MB = peak RSS during training minus RSS before it)");
        Console.WriteLine("(WoS-NO reports 8.75x error, 6.31x time, 2.97x memory against physics-informed training of its operator on GPU)");
        if (jsonPath is not null)
        {
            JsonSummary.Write(jsonPath, new JsonObject
            {
                ["problem"] = "poisson-star",
                ["method"] = "wos-vs-pinn",
                ["model"] = "fno",
                ["baseline"] = baseline,
                ["wallSeconds"] = JsonSummary.Number(clock.Elapsed.TotalSeconds),
                ["epochs"] = JsonSummary.Number(Get(wos, "epochs")),
                ["steps"] = JsonSummary.Number(Steps(wos)),
                ["relL2"] = JsonSummary.Number(Get(wos, "relL2")),
                ["peakMemoryMB"] = JsonSummary.Number(Math.Max(Get(physics, "peakMemoryMB"), Get(wos, "peakMemoryMB"))),
                ["errorRatio"] = JsonSummary.Number(errorRatio),
                ["timePerStepRatio"] = JsonSummary.Number(timeRatio),
                ["peakMemoryRatio"] = JsonSummary.Number(memoryRatio),
                ["trainingMemoryRatio"] = JsonSummary.Number(trainingMemoryRatio),
                ["processorCount"] = Environment.ProcessorCount,
                [baseline] = JsonNode.Parse(physics.ToJsonString()),
                ["wos"] = JsonNode.Parse(wos.ToJsonString()),
            });
            Console.WriteLine($"wrote {jsonPath}");
        }
        return 0;
    }

    /// <summary>Adam steps of a run: epochs × mini-batches per epoch.</summary>
    private static double Steps(JsonObject run)
    {
        double samples = run["samples"]?.GetValue<double>() ?? double.NaN;
        double batch = run["settings"]?["batchSize"]?.GetValue<double>() ?? double.NaN;
        return (run["epochs"]?.GetValue<double>() ?? double.NaN) * Math.Ceiling(samples / batch);
    }

    private static JsonObject RunChild(string supervision, int? epochs, string? data, IReadOnlyList<string> set, int seed, bool quiet)
    {
        string temp = Path.Combine(Path.GetTempPath(), $"neuralpde-wos-operator-{Environment.ProcessId}-{supervision}.json");
        string checkpoint = Path.Combine(Path.GetTempPath(), $"neuralpde-wos-operator-{Environment.ProcessId}-{supervision}.ckpt");
        var arguments = new List<string>
        {
            "train", "poisson-star", "--method", "wos", "--set", $"wos.training.supervision={supervision}",
            "--seed", seed.ToString(CultureInfo.InvariantCulture), "--json", temp, "--checkpoint", checkpoint,
        };
        if (epochs is int e)
        {
            arguments.AddRange(["--epochs", e.ToString(CultureInfo.InvariantCulture)]);
        }
        if (data is not null)
        {
            arguments.AddRange(["--data", data]);
        }
        foreach (string assignment in set)
        {
            arguments.AddRange(["--set", assignment]);
        }
        try
        {
            return ChildRun.Json(arguments, temp, supervision, quiet);
        }
        finally
        {
            File.Delete(checkpoint);
        }
    }
}
