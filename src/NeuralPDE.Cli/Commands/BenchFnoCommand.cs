using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using NeuralPDE.Cli.Output;
using NeuralPDE.Core.Specs;
using NeuralPDE.Learning.Fno;
using static TorchSharp.torch;

namespace NeuralPDE.Cli.Commands;

/// <summary>
/// <c>neuralpde bench fno</c>: training throughput (samples/s: forward, relative L2 loss, backward, Adam step) of our
/// FNO and of the same architecture in PyTorch (tests/NeuralPDE.Tests/Fno/fno_torch.py run with /usr/bin/python3), in
/// one command with the same thread count, batch and random data shapes; prints both and the ratio.
/// </summary>
public static class BenchFnoCommand
{
    public sealed record Request(int Dim, int Threads, int? Size, int? Width, int? Modes, int Layers, int Batch, int Steps, int Warmup,
        string? TorchScript, string Python, string? Json);

    public static Command Create()
    {
        var dim = new Option<int>("--dim") { Description = "Spatial dimension: 1 (Burgers-like, s = 256) or 2 (Darcy-like, 64^2).", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "Threads for both libraries (0 = libtorch's default, all cores).", DefaultValueFactory = _ => 0 };
        var size = new Option<int?>("--size") { Description = "Grid points per axis (default 256 in 1-D, 64 in 2-D)." };
        var width = new Option<int?>("--width") { Description = "Channel width (default 64 in 1-D, 32 in 2-D, as in the FNO paper)." };
        var modes = new Option<int?>("--modes") { Description = "Modes per axis (default 16 in 1-D, 12 in 2-D)." };
        var layers = new Option<int>("--layers") { Description = "Fourier layers.", DefaultValueFactory = _ => 4 };
        var batch = new Option<int>("--batch") { Description = "Mini-batch size.", DefaultValueFactory = _ => 20 };
        var steps = new Option<int>("--steps") { Description = "Timed training steps (after the warm-up).", DefaultValueFactory = _ => 20 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed warm-up steps.", DefaultValueFactory = _ => 3 };
        var script = new Option<string?>("--torch-script") { Description = "Path of fno_torch.py (default: found under tests/NeuralPDE.Tests/Fno above the working directory or the tool)." };
        var python = new Option<string>("--python") { Description = "Python with PyTorch.", DefaultValueFactory = _ => "/usr/bin/python3" };
        var json = CommonOptions.Json();
        var command = new Command("fno", "FNO training samples/s: NeuralPDE (TorchSharp) vs the same architecture in PyTorch, same threads.")
        {
            dim, threads, size, width, modes, layers, batch, steps, warmup, script, python, json,
        };
        command.SetAction(parse => CliApp.Guard(() => Execute(new Request(parse.GetValue(dim), parse.GetValue(threads), parse.GetValue(size),
            parse.GetValue(width), parse.GetValue(modes), parse.GetValue(layers), parse.GetValue(batch), parse.GetValue(steps), parse.GetValue(warmup),
            parse.GetValue(script), parse.GetValue(python) ?? "/usr/bin/python3", parse.GetValue(json)))));
        return command;
    }

    public static int Execute(Request r)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (r.Dim is not (1 or 2))
        {
            throw new SpecException($"--dim: expected 1 or 2, got {r.Dim}");
        }
        if (r.Threads < 0 || r.Layers < 1 || r.Batch < 1 || r.Steps < 1 || r.Warmup < 0)
        {
            throw new SpecException("--threads >= 0, --layers/--batch/--steps >= 1 and --warmup >= 0 expected");
        }
        int size = r.Size ?? (r.Dim == 1 ? 256 : 64);
        int width = r.Width ?? (r.Dim == 1 ? 64 : 32);
        int modes = r.Modes ?? (r.Dim == 1 ? 16 : 12);
        if (r.Threads > 0)
        {
            set_num_threads(r.Threads);
        }
        int threads = get_num_threads();
        string scriptPath = r.TorchScript ?? FindScript();
        Console.WriteLine($"bench fno: {r.Dim}-D, s = {size}, width {width}, modes {modes}, {r.Layers} layers, batch {r.Batch}, {r.Steps} steps (+{r.Warmup} warm-up), {threads} threads; load {LoadAverage()}");
        double ours = Ours(r.Dim, size, width, modes, r.Layers, r.Batch, r.Steps, r.Warmup);
        Console.WriteLine($"  neuralpde (TorchSharp)  {ours,10:F1} samples/s");
        var psi = new ProcessStartInfo(r.Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { scriptPath, "bench", "--dim", $"{r.Dim}", "--threads", $"{threads}", "--size", $"{size}", "--width", $"{width}",
                     "--modes", $"{modes}", "--layers", $"{r.Layers}", "--batch", $"{r.Batch}", "--steps", $"{r.Steps}", "--warmup", $"{r.Warmup}" })
        {
            psi.ArgumentList.Add(a);
        }
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {r.Python}");
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new SpecException($"--python {r.Python}: the PyTorch benchmark failed (exit {process.ExitCode}): {stderr.Trim().Split('\n')[^1]}");
        }
        var theirs = JsonNode.Parse(stdout.Trim().Split('\n')[^1])!.AsObject();
        double torchRate = theirs["samplesPerSecond"]!.GetValue<double>();
        double ratio = ours / torchRate;
        Console.WriteLine($"  pytorch {theirs["torch"],-15} {torchRate,10:F1} samples/s");
        Console.WriteLine($"  ratio (ours / pytorch)  {ratio,10:F2}x  ({(ratio >= 1 ? "not slower" : "SLOWER")})");
        if (r.Json is not null)
        {
            JsonSummary.Write(r.Json, new JsonObject
            {
                ["bench"] = "fno",
                ["dim"] = r.Dim,
                ["size"] = size,
                ["width"] = width,
                ["modes"] = modes,
                ["layers"] = r.Layers,
                ["batch"] = r.Batch,
                ["steps"] = r.Steps,
                ["threads"] = threads,
                ["load"] = LoadAverage(),
                ["oursSamplesPerSecond"] = Math.Round(ours, 2),
                ["pytorchSamplesPerSecond"] = Math.Round(torchRate, 2),
                ["pytorchVersion"] = theirs["torch"]?.GetValue<string>(),
                ["ratio"] = Math.Round(ratio, 3),
            });
            Console.WriteLine($"wrote {r.Json}");
        }
        return 0;
    }

    /// <summary>Samples/s of our training step on random data.</summary>
    public static double Ours(int dim, int size, int width, int modes, int layers, int batch, int steps, int warmup)
    {
        random.manual_seed(0);
        var config = new FnoConfig { Width = width, Modes = Enumerable.Repeat(modes, dim).ToArray(), Layers = layers, Padding = new int[dim] };
        using var network = new FnoNetwork(config);
        using var adam = new FnoAdam(network.NamedTensors(), weightDecay: 1e-4);
        long[] shape = [batch, 1, .. Enumerable.Repeat((long)size, dim)];
        using var x = randn(shape);
        using var y = randn(shape);
        void Step()
        {
            using var scope = NewDisposeScope();
            adam.ZeroGrad();
            Tensor loss = FnoLoss.Mean(FnoLossKind.RelativeLp, network.forward(x), y);
            loss.backward();
            adam.Update(1e-3);
        }
        for (int i = 0; i < warmup; i++)
        {
            Step();
        }
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < steps; i++)
        {
            Step();
        }
        return steps * batch / clock.Elapsed.TotalSeconds;
    }

    private static string FindScript()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "tests", "NeuralPDE.Tests", "Fno", "fno_torch.py");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        throw new SpecException("--torch-script: fno_torch.py not found under tests/NeuralPDE.Tests/Fno above the working directory; pass its path");
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
