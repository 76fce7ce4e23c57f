using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using NeuralPDE.Cli.Output;
using NeuralPDE.Core.Specs;
using NeuralPDE.Learning.Fno;
using NeuralPDE.Numerics.Torch;

namespace NeuralPDE.Cli.Commands;

/// <summary><c>neuralpde eval &lt;checkpoint&gt; [--data F.h5]</c>: evaluates a saved FNO on a dataset — per-sample relative
/// L2 errors on its test samples (or all), at the training stride or any other (zero-shot super-resolution), the
/// recurrent and space-time variants rolled out over the target window; optionally imports weights from a state dict
/// (e.g. written by PyTorch) and exports them.</summary>
public static class EvalCommand
{
    public sealed record Request(string Checkpoint, string? Data, int? Stride, string Samples, int? OutputSteps, string? Import, string? Export,
        string Device, string? Json, string? Plot, bool Quiet);

    public static Command Create()
    {
        var checkpoint = new Argument<string>("checkpoint") { Description = "An FNO checkpoint written by `neuralpde train <problem> --method fno`." };
        var data = new Option<string?>("--data") { Description = "The HDF5 dataset (default: the one the checkpoint was trained on)." };
        var stride = new Option<int?>("--stride") { Description = "Spatial subsampling stride (default: the training stride; smaller = finer grid, zero-shot)." };
        var samples = new Option<string>("--samples") { Description = "Which samples: test (the checkpoint's test split), all, or a range FIRST:END.", DefaultValueFactory = _ => "test" };
        var steps = new Option<int?>("--output-steps") { Description = "Time-window data: snapshots to predict (recurrent: the rollout length; default: the training window)." };
        var import = new Option<string?>("--import") { Description = "Replace the checkpoint's weights by a state-dict file (same names and shapes; e.g. written from PyTorch)." };
        var export = new Option<string?>("--export") { Description = "Write the model's weights as a TorchSharp/PyTorch state-dict file." };
        var device = CommonOptions.Device();
        var json = CommonOptions.Json();
        var plot = CommonOptions.Plot();
        var quiet = CommonOptions.Quiet();
        var command = new Command("eval", "Evaluate a saved FNO checkpoint on a dataset (per-sample errors, other resolutions, rollouts).")
        {
            checkpoint, data, stride, samples, steps, import, export, device, json, plot, quiet,
        };
        command.SetAction(parse => CliApp.Guard(() => Execute(new Request(
            parse.GetValue(checkpoint)!, parse.GetValue(data), parse.GetValue(stride), parse.GetValue(samples) ?? "test",
            parse.GetValue(steps), parse.GetValue(import), parse.GetValue(export), parse.GetValue(device) ?? "cpu",
            parse.GetValue(json), parse.GetValue(plot), parse.GetValue(quiet)))));
        return command;
    }

    public static int Execute(Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        var device = ComputeDevice.Resolve(request.Device);
        using FnoCheckpoint checkpoint = FnoCheckpoint.Load(request.Checkpoint);
        if (checkpoint.Header["format"]?.GetValue<string>() == "neuralpde-wos-fno-checkpoint")
        {
            throw new SpecException($"{request.Checkpoint}: a WoS-supervised poisson-star operator (train --method wos, which reports its own test error); eval reads checkpoints of train --method fno");
        }
        JsonObject s = checkpoint.Header["settings"]?.AsObject() ?? throw new InvalidDataException($"{request.Checkpoint}: no settings in the checkpoint header");
        int trainStride = s["stride"]!.GetValue<int>();
        if (request.Stride is int st && st < 1)
        {
            throw new SpecException($"--stride: expected an integer >= 1, got {st}");
        }
        if (request.OutputSteps is int os && os < 1)
        {
            throw new SpecException($"--output-steps: expected an integer >= 1, got {os}");
        }
        var settings = new FnoSettings
        {
            Pairing = FnoPairings.Parse(s["pairing"]!.GetValue<string>()),
            TimeStride = s["timeStride"]!.GetValue<int>(),
            InputSteps = s["inputSteps"]!.GetValue<int>(),
            OutputSteps = request.OutputSteps ?? s["outputSteps"]!.GetValue<int>(),
            Stride = request.Stride ?? trainStride,
        };
        string data = request.Data ?? checkpoint.Header["data"]?.GetValue<string>() ?? throw new SpecException("--data: required (the checkpoint names no dataset)");
        using FnoModel model = checkpoint.Model();
        if (request.Import is string import)
        {
            var imported = StateDictFile.Load(import);
            try
            {
                FnoCheckpoint.LoadParameters(model.Network, imported, "", import);
            }
            finally
            {
                imported.ForEach(t => t.Value.Dispose());
            }
        }
        model.Network.eval();
        using FnoSampleStore store = FnoReport.Store(data, settings, settings.Stride);
        int[] indices = Indices(request.Samples, store.Count, s["test"]!.GetValue<int>());
        FnoEvaluation evaluation = FnoTrainRunner.Guarded(() => FnoEvaluation.Run(model, store, indices, 50, device));
        string problem = checkpoint.Header["problem"]?.GetValue<string>() ?? "";
        double wall = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"model     {model.Network.Config.Describe()} ({FnoVariants.Name(model.Variant)}), {checkpoint.Header["epoch"]} epochs on {problem}");
        Console.WriteLine($"data      {data}: {indices.Length} samples ({request.Samples}), stride {settings.Stride}{(settings.Stride != trainStride ? $" (trained at stride {trainStride}: zero-shot)" : "")}");
        FnoReport.Print(evaluation, []);
        Console.WriteLine($"wall      {wall:F1} s");
        if (request.Export is string export)
        {
            StateDictFile.Save(export, model.Network.NamedTensors());
            Console.WriteLine($"wrote {export}");
        }
        if (request.Plot is not null)
        {
            FnoReport.Plot(request.Plot, $"{request.Checkpoint} on {data}: relative L2 {evaluation.Mean:E3} at s = {FnoReport.Resolution(evaluation)}", model, store, evaluation, []);
            Console.WriteLine($"wrote {request.Plot}");
        }
        if (request.Json is not null)
        {
            JsonObject json = FnoReport.Evaluation(evaluation);
            json["problem"] = problem;
            json["method"] = "fno";
            json["checkpoint"] = request.Checkpoint;
            json["data"] = data;
            json["stride"] = settings.Stride;
            json["trainStride"] = trainStride;
            json["wallSeconds"] = Math.Round(wall, 3);
            json["peakMemoryMB"] = JsonSummary.PeakMemoryMB();
            JsonSummary.Write(request.Json, json);
            Console.WriteLine($"wrote {request.Json}");
        }
        return 0;
    }

    private static int[] Indices(string samples, int count, int test)
    {
        if (samples == "test")
        {
            int n = Math.Min(test, count);
            return Enumerable.Range(count - n, n).ToArray();
        }
        if (samples == "all")
        {
            return Enumerable.Range(0, count).ToArray();
        }
        string[] parts = samples.Split(':');
        if (parts.Length == 2 && int.TryParse(parts[0], out int first) && int.TryParse(parts[1], out int end) && first >= 0 && end > first && end <= count)
        {
            return Enumerable.Range(first, end - first).ToArray();
        }
        throw new SpecException($"--samples {samples}: expected test, all or FIRST:END with 0 <= FIRST < END <= {count}");
    }
}
