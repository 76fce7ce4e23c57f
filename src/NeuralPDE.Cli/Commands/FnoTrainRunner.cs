using System.Diagnostics;
using System.Text.Json.Nodes;
using NeuralPDE.Cli.Output;
using NeuralPDE.Core.Specs;
using NeuralPDE.Learning.Fno;
using NeuralPDE.Numerics.Torch;

namespace NeuralPDE.Cli.Commands;

/// <summary><c>neuralpde train &lt;problem&gt; --method fno</c>: trains an FNO on <c>--data F.h5</c> (or on the spec's
/// default dataset, generated through the dataset pipeline when absent), reports test errors with zero-shot
/// super-resolution, writes the checkpoint and optionally exports the state dict.</summary>
public static class FnoTrainRunner
{
    public static int Execute(TrainRequest request, ProblemSpec spec)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(spec);
        FnoSettings settings = FnoSettings.FromSpec(spec);
        if (request.Epochs is int epochs)
        {
            settings = settings with { Epochs = epochs };
        }
        if (request.Steps is not null)
        {
            throw new SpecException("--steps: not used by --method fno (use --epochs)");
        }
        var device = ComputeDevice.Resolve(request.Device);
        string data = request.Data ?? DefaultDataset(spec, settings, request.Quiet);
        var ctrlC = new CtrlCCancellation();
        var clock = Stopwatch.StartNew();
        try
        {
            using var store = FnoReport.Store(data, settings, settings.Stride);
            using var trainer = Guarded(() => new FnoTrainer(settings, store, new FnoTrainingOptions
            {
                Seed = request.Seed,
                CheckpointPath = request.Checkpoint,
                Problem = spec.Name,
                Device = device,
                Cancellation = ctrlC.Token,
            }));
            if (!request.Quiet)
            {
                Console.WriteLine($"train {spec.Name} (fno): {trainer.Model.Network.Config.Describe()}; {settings.Describe()}");
                Console.WriteLine($"data      {data}: {trainer.TrainIndices.Length} train / {trainer.TestIndices.Length} test samples, input [{string.Join(", ", store.InputShape)}] -> target [{string.Join(", ", store.OutputShape)}] (stride {settings.Stride})");
            }
            FnoTrainingResult result = ProgressDisplay.Run($"train {spec.Name}", request.Quiet, progress =>
            {
                trainer.Progress = progress;
                return trainer.Train();
            });
            string checkpoint = request.Checkpoint ?? Path.Combine("out", $"{spec.Name}-fno.ckpt");
            if (request.Checkpoint is null)
            {
                trainer.SaveCheckpoint(checkpoint);
            }
            List<FnoEvaluation> zeroShot = FnoReport.ZeroShot(trainer.Model, data, settings, trainer.TestIndices, settings.Stride);
            double wall = clock.Elapsed.TotalSeconds;
            // One reading for the console and the JSON: the peak of training, before the plot is drawn.
            double peakMemory = JsonSummary.PeakMemoryMB();
            Console.WriteLine($"problem   {spec.Name} ({spec.Family}/{spec.Variant})");
            Console.WriteLine($"method    fno: {trainer.Model.Network.Config.Describe()}; {settings.Describe()}");
            Console.WriteLine($"epochs    {result.Epochs}{(result.ResumedFromEpoch > 0 ? $" (resumed at {result.ResumedFromEpoch})" : "")}, final train loss {(result.History.Length > 0 ? result.History[^1].TrainLoss : double.NaN):E3}, {result.SamplesPerSecond:F1} samples/s");
            FnoReport.Print(result.Test, zeroShot);
            Console.WriteLine($"wall      {wall:F1} s (training {result.TrainSeconds:F1} s), peak memory {peakMemory:F0} MB, {TorchSharp.torch.get_num_threads()} threads");
            Console.WriteLine($"checkpoint {checkpoint} (neuralpde eval {checkpoint} --data {data})");
            if (request.Export is string export)
            {
                StateDictFile.Save(export, trainer.Model.Network.NamedTensors());
                Console.WriteLine($"wrote {export} (state dict; tests/NeuralPDE.Tests/Fno/fno_torch.py loads it into PyTorch)");
            }
            if (request.Plot is not null)
            {
                string summary = $"{spec.Name}: {trainer.Model.Network.Config.Describe()}; {settings.Describe()}. {result.Epochs} epochs in {result.TrainSeconds:F0} s; " +
                    $"test relative L2 {result.Test.Mean:E3} at s = {FnoReport.Resolution(result.Test)}" +
                    string.Concat(zeroShot.Select(z => $"; zero-shot {z.Mean:E3} at s = {FnoReport.Resolution(z)}"));
                FnoReport.Plot(request.Plot, summary, trainer.Model, store, result.Test, result.History);
                Console.WriteLine($"wrote {request.Plot}");
            }
            if (request.Json is not null)
            {
                var json = JsonSummary.TrainingRun(spec, "fno", result.Test.Mean, $"test samples of {data}", new JsonObject
                {
                    ["wallSeconds"] = Math.Round(wall, 3),
                    ["trainSeconds"] = Math.Round(result.TrainSeconds, 3),
                    ["epochs"] = result.Epochs,
                    ["resumedFromEpoch"] = result.ResumedFromEpoch,
                    ["samples"] = trainer.TrainIndices.Length,
                    ["testSamples"] = trainer.TestIndices.Length,
                    ["samplesPerSecond"] = Math.Round(result.SamplesPerSecond, 2),
                    ["peakMemoryMB"] = peakMemory,
                    ["seed"] = request.Seed,
                    ["device"] = request.Device,
                    ["threads"] = TorchSharp.torch.get_num_threads(),
                    ["data"] = data,
                    ["checkpoint"] = checkpoint,
                    ["model"] = trainer.Model.Network.Config.ToJson(),
                    ["settings"] = settings.ToJson(),
                    ["test"] = FnoReport.Evaluation(result.Test),
                    ["zeroShot"] = new JsonArray(zeroShot.Select(z => (JsonNode)FnoReport.Evaluation(z)).ToArray()),
                    ["history"] = new JsonArray(result.History.Select(h => (JsonNode)h.ToJson()).ToArray()),
                });
                JsonSummary.Write(request.Json, json);
                Console.WriteLine($"wrote {request.Json}");
            }
            return 0;
        }
        finally
        {
            ctrlC.Dispose();
        }
    }

    /// <summary>Turns the library's argument errors (shape/channel mismatches, bad settings) into one-line user errors.</summary>
    public static T Guarded<T>(Func<T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return body();
        }
        catch (ArgumentException e)
        {
            throw new SpecException(e.Message);
        }
    }

    /// <summary>The spec's default dataset (<c>fno.data</c>, or <c>wos.data</c>): out/datasets/RECIPE[TAG]-N.h5, generated
    /// (resumably) when missing.</summary>
    internal static string DefaultDataset(ProblemSpec spec, FnoSettings settings, bool quiet, string tag = "")
    {
        string path = Path.Combine("out", "datasets", $"{settings.Recipe}{tag}-{settings.GenerateSamples}.h5");
        if (File.Exists(path))
        {
            return path;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (!quiet)
        {
            Console.WriteLine($"no --data: generating {path} from recipe {settings.Recipe} ({settings.GenerateSamples} samples{(settings.RecipeOverrides.Length > 0 ? ", " + string.Join(", ", settings.RecipeOverrides) : "")})");
        }
        int code = GenerateCommand.Execute(new GenerateCommand.Settings(settings.Recipe, path, settings.GenerateSamples, "0/1", null, null, 0,
            settings.RecipeOverrides, "cpu", null, quiet));
        if (code != 0)
        {
            throw new SpecException($"{spec.Name}: generating the default dataset {path} failed (exit code {code})");
        }
        return path;
    }
}
