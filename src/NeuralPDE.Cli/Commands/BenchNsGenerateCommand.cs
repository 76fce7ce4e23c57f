using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NeuralPDE.Cli.Output;
using NeuralPDE.Core.Specs;
using NeuralPDE.Data.Generation;
using NeuralPDE.Data.Generation.Recipes;
using NeuralPDE.Numerics.Torch;

namespace NeuralPDE.Cli.Commands;

/// <summary>
/// <c>neuralpde bench ns-generate</c>: samples/s of the <c>ns-vorticity-2d</c> recipe's generator (Crank–Nicolson, the
/// FNO scheme, fixed step) against a PyTorch script equivalent to the FNO paper's generator
/// (<c>bench/fno_ns_generator.py</c>), same grid, batch, step, record count and thread count, in the same run, the
/// two sides back to back. Both time the initial fields and the solve (float64), not the file output. Prints wall and
/// process-CPU rates and their ratios (ours / PyTorch) per round.
/// </summary>
public static partial class BenchNsGenerateCommand
{
    public static Command Create()
    {
        var n = new Option<int>("--n") { Description = "Grid points per direction.", DefaultValueFactory = _ => 64 };
        var batch = new Option<int>("--batch") { Description = "Samples advanced together (both sides).", DefaultValueFactory = _ => 20 };
        var samples = new Option<int>("--samples") { Description = "Samples per side and round.", DefaultValueFactory = _ => 20 };
        var tEnd = new Option<double>("--t-end") { Description = "Final time.", DefaultValueFactory = _ => 0.5 };
        var dt = new Option<double>("--dt") { Description = "Time step (Crank–Nicolson, fixed).", DefaultValueFactory = _ => 1e-4 };
        var record = new Option<int>("--record") { Description = "Recorded snapshots after t = 0.", DefaultValueFactory = _ => 5 };
        var threads = new Option<int>("--threads") { Description = "Intra-op threads of both sides (torch.set_num_threads here; OMP_NUM_THREADS/MKL_NUM_THREADS for the script).", DefaultValueFactory = _ => 1 };
        var repeat = new Option<int>("--repeat") { Description = "Rounds (ours, then PyTorch, back to back).", DefaultValueFactory = _ => 2 };
        var python = new Option<string>("--python") { Description = "Python with Debian's python3-torch.", DefaultValueFactory = _ => "/usr/bin/python3" };
        var script = new Option<string?>("--script") { Description = "The PyTorch generator (default: bench/fno_ns_generator.py beside the tool)." };
        var json = CommonOptions.Json();
        var quiet = CommonOptions.Quiet();
        var command = new Command("ns-generate", "ns-vorticity-2d generation (Crank–Nicolson) vs a PyTorch FNO-style generator: samples/s and ratio.")
        {
            n, batch, samples, tEnd, dt, record, threads, repeat, python, script, json, quiet,
        };
        command.SetAction(parse => CliApp.Guard(() => Execute(new Settings(
            parse.GetValue(n), parse.GetValue(batch), parse.GetValue(samples), parse.GetValue(tEnd), parse.GetValue(dt), parse.GetValue(record),
            parse.GetValue(threads), parse.GetValue(repeat), parse.GetValue(python)!, parse.GetValue(script), parse.GetValue(json), parse.GetValue(quiet)))));
        return command;
    }

    public sealed record Settings(int N, int Batch, int Samples, double TEnd, double Dt, int Record, int Threads, int Repeat,
        string Python, string? Script, string? JsonPath, bool Quiet);

    /// <summary>One side's timing: wall and process-CPU seconds for <see cref="Samples"/> samples, load average before.</summary>
    public sealed record SideRun(double Seconds, double CpuSeconds, int Samples, int Threads, double LoadBefore, string Detail)
    {
        public double SamplesPerSecond => Samples / Seconds;

        public double SamplesPerCpuSecond => Samples / CpuSeconds;
    }

    public static int Execute(Settings s)
    {
        const string Source = "bench ns-generate";
        Check(s.N >= 8 && s.N % 2 == 0 && s.N <= 1024, "--n", $"expected an even grid size 8..1024, got {s.N}");
        Check(s.Batch >= 1 && s.Batch <= 10_000, "--batch", $"expected 1..10000, got {s.Batch}");
        Check(s.Samples >= 1 && s.Samples <= 1_000_000, "--samples", $"expected 1..1000000, got {s.Samples}");
        Check(s.TEnd > 0 && double.IsFinite(s.TEnd), "--t-end", $"expected a final time > 0, got {s.TEnd}");
        Check(s.Dt > 0 && s.Dt <= s.TEnd, "--dt", $"expected 0 < dt <= t-end, got {s.Dt}");
        Check(s.Record >= 1 && Math.Round(s.TEnd / s.Dt) % s.Record == 0, "--record", $"expected a count >= 1 dividing the {Math.Round(s.TEnd / s.Dt)} steps, got {s.Record}");
        Check(s.Threads >= 1 && s.Threads <= 1024, "--threads", $"expected 1..1024 (both sides use the same count), got {s.Threads}");
        Check(s.Repeat >= 1 && s.Repeat <= 20, "--repeat", $"expected 1..20, got {s.Repeat}");
        string script = s.Script ?? Path.Combine(AppContext.BaseDirectory, "bench", "fno_ns_generator.py");
        Check(File.Exists(script), "--script", $"expected the PyTorch generator script, {script} does not exist");
        Check(File.Exists(s.Python), "--python", $"expected a Python with python3-torch, {s.Python} does not exist");
        if (s.JsonPath is not null)
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(s.JsonPath));
            Check(folder is null || Directory.Exists(folder), "--json", $"folder {folder} does not exist");
        }

        void Check(bool ok, string field, string message)
        {
            if (!ok)
            {
                throw new SpecException(Source, field, message);
            }
        }

        TorchThreads.Limit(s.Threads);
        DatasetRecipe recipe = GenerateCommand.LoadRecipe("ns-vorticity-2d", Overrides(s), s.Samples);
        ISampleGenerator generator = RecipeGenerators.Create(recipe, RecipeGenerators.Spec(recipe), new GeneratorOptions("cpu"));
        int steps = (int)Math.Round(s.TEnd / s.Dt);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ns-vorticity-2d: {s.N}², crank-nicolson, dt {s.Dt:G4}, T {s.TEnd:G4} ({steps} steps), {s.Record + 1} snapshots, batch {s.Batch}, {s.Samples} samples, {s.Threads} thread(s), float64 both sides"));
        Console.WriteLine($"ours:    {generator.Solver}");
        Console.WriteLine($"pytorch: {s.Python} {script}");

        // Warm-up (JIT, libtorch/MKL initialisation): one short batch.
        DatasetRecipe warmRecipe = GenerateCommand.LoadRecipe("ns-vorticity-2d", [.. Overrides(s with { TEnd = s.Dt * s.Record }), $"batchSize={s.Batch}"], Math.Min(s.Batch, s.Samples));
        RunOurs(RecipeGenerators.Create(warmRecipe, RecipeGenerators.Spec(warmRecipe), new GeneratorOptions("cpu")), warmRecipe, s.Threads);

        var rounds = new List<(SideRun Ours, SideRun Torch)>();
        for (int round = 0; round < s.Repeat; round++)
        {
            SideRun ours = RunOurs(generator, recipe, s.Threads);
            Report("ours", round, ours, s.Quiet);
            SideRun torch = RunTorch(s, script);
            Report("pytorch", round, torch, s.Quiet);
            rounds.Add((ours, torch));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round + 1}: ours {ours.SamplesPerSecond:F3} samples/s, pytorch {torch.SamplesPerSecond:F3} samples/s: ratio {ours.SamplesPerSecond / torch.SamplesPerSecond:F2}x (wall), {ours.SamplesPerCpuSecond / torch.SamplesPerCpuSecond:F2}x (cpu)"));
        }
        SideRun bestOurs = rounds.Select(r => r.Ours).MaxBy(r => r.SamplesPerSecond)!;
        SideRun bestTorch = rounds.Select(r => r.Torch).MaxBy(r => r.SamplesPerSecond)!;
        double ratio = bestOurs.SamplesPerSecond / bestTorch.SamplesPerSecond;
        double cpuRatio = rounds.Max(r => r.Ours.SamplesPerCpuSecond) / rounds.Max(r => r.Torch.SamplesPerCpuSecond);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"best of {s.Repeat}: ours {bestOurs.SamplesPerSecond:F3} samples/s, pytorch {bestTorch.SamplesPerSecond:F3} samples/s: ours is {ratio:F2}x (wall), {cpuRatio:F2}x (per CPU second)"));

        if (s.JsonPath is not null)
        {
            var list = new JsonArray();
            foreach (var (o, t) in rounds)
            {
                list.Add(new JsonObject { ["ours"] = Json(o), ["pytorch"] = Json(t), ["ratio"] = JsonSummary.Number(o.SamplesPerSecond / t.SamplesPerSecond), ["cpuRatio"] = JsonSummary.Number(o.SamplesPerCpuSecond / t.SamplesPerCpuSecond) });
            }
            JsonSummary.Write(s.JsonPath, new JsonObject
            {
                ["problem"] = "ns-vorticity-2d",
                ["method"] = "bench-ns-generate",
                ["scheme"] = "crank-nicolson",
                ["precision"] = "float64",
                ["n"] = s.N,
                ["batch"] = s.Batch,
                ["samples"] = s.Samples,
                ["tEnd"] = s.TEnd,
                ["dt"] = s.Dt,
                ["steps"] = steps,
                ["record"] = s.Record,
                ["threads"] = s.Threads,
                ["repeat"] = s.Repeat,
                ["processorCount"] = Environment.ProcessorCount,
                ["oursSamplesPerSecond"] = JsonSummary.Number(bestOurs.SamplesPerSecond),
                ["pytorchSamplesPerSecond"] = JsonSummary.Number(bestTorch.SamplesPerSecond),
                ["ratio"] = JsonSummary.Number(ratio),
                ["cpuRatio"] = JsonSummary.Number(cpuRatio),
                ["rounds"] = list,
                ["peakMemoryMB"] = JsonSummary.PeakMemoryMB(),
            });
            Console.WriteLine($"wrote {s.JsonPath}");
        }
        return 0;
    }

    private static string[] Overrides(Settings s) =>
    [
        $"batchSize={s.Batch}",
        "spec.reference.scheme=crank-nicolson",
        "spec.reference.cfl=0",
        string.Create(CultureInfo.InvariantCulture, $"spec.reference.timeStep={s.Dt:R}"),
        string.Create(CultureInfo.InvariantCulture, $"spec.parameters.tEnd={s.TEnd:R}"),
        $"spec.reference.resolution={s.N}",
        $"spec.reference.outputResolution={s.N}",
        $"spec.reference.outputTimes={s.Record + 1}",
    ];

    private static SideRun RunOurs(ISampleGenerator generator, DatasetRecipe recipe, int threads)
    {
        double load = LoadAverage();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        TimeSpan cpu0 = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (int block = 0; block < recipe.Blocks; block++)
        {
            var (start, end) = recipe.BlockSamples(block);
            int[] indices = Enumerable.Range(start, end - start).ToArray();
            IReadOnlyList<GeneratedSample> result = generator.Generate(indices, indices.Select(i => SampleSeeds.For(recipe.Seed, i)).ToArray(), CancellationToken.None);
            if (result.Any(r => r.Arrays[0].Any(v => !float.IsFinite(v))))
            {
                throw new InvalidOperationException($"block {block}: non-finite vorticity");
            }
        }
        double seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return new SideRun(seconds, (process.TotalProcessorTime - cpu0).TotalSeconds, recipe.Samples, TorchThreads.Current, load, "");
    }

    private static SideRun RunTorch(Settings s, string script)
    {
        double load = LoadAverage();
        var info = new ProcessStartInfo(s.Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { script, $"{s.N}", $"{s.Batch}", $"{s.Samples}", s.TEnd.ToString("R", CultureInfo.InvariantCulture), s.Dt.ToString("R", CultureInfo.InvariantCulture), $"{s.Record}" })
        {
            info.ArgumentList.Add(a);
        }
        string t = s.Threads.ToString(CultureInfo.InvariantCulture);
        info.Environment["OMP_NUM_THREADS"] = t;
        info.Environment["MKL_NUM_THREADS"] = t;
        using Process process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {s.Python}");
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Match m = ResultLine().Match(output);
        if (process.ExitCode != 0 || !m.Success)
        {
            string tail = string.Join(" | ", (output + error.Result).Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(3));
            throw new InvalidOperationException($"the PyTorch generator failed (exit {process.ExitCode}): {tail}");
        }
        int threads = int.Parse(m.Groups["threads"].Value, CultureInfo.InvariantCulture);
        if (threads != s.Threads)
        {
            throw new InvalidOperationException($"the PyTorch generator ran with {threads} threads, expected {s.Threads}");
        }
        return new SideRun(double.Parse(m.Groups["seconds"].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups["cpu"].Value, CultureInfo.InvariantCulture),
            s.Samples, threads, load, "torch " + m.Groups["version"].Value);
    }

    private static void Report(string side, int round, SideRun r, bool quiet)
    {
        if (!quiet)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  round {round + 1} {side,-8} {r.Seconds,8:F2} s wall {r.CpuSeconds,8:F2} s cpu  {r.SamplesPerSecond,8:F3} samples/s  {r.Threads} thread(s)  load {r.LoadBefore:F2} {r.Detail}"));
        }
    }

    private static JsonObject Json(SideRun r) => new()
    {
        ["seconds"] = Math.Round(r.Seconds, 4),
        ["cpuSeconds"] = Math.Round(r.CpuSeconds, 4),
        ["samplesPerSecond"] = JsonSummary.Number(r.SamplesPerSecond),
        ["samplesPerCpuSecond"] = JsonSummary.Number(r.SamplesPerCpuSecond),
        ["threads"] = r.Threads,
        ["loadAverage1"] = JsonSummary.Number(r.LoadBefore),
    };

    /// <summary>The 1-minute load average (Linux), or NaN.</summary>
    private static double LoadAverage()
    {
        try
        {
            string text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
        catch (UnauthorizedAccessException)
        {
            return double.NaN;
        }
    }

    [GeneratedRegex(@"torch (?<version>\S+) threads (?<threads>\d+) .*: (?<seconds>[\d.]+) s, [\d.]+ samples/s, cpu (?<cpu>[\d.]+) s")]
    private static partial Regex ResultLine();
}
