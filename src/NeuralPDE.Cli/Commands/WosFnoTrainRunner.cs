using System.Diagnostics;
using System.Text.Json.Nodes;
using NeuralPDE.Cli.Output;
using NeuralPDE.Core.Specs;
using NeuralPDE.Learning.Fno;
using NeuralPDE.Learning.WalkOnSpheres;
using NeuralPDE.Numerics.Torch;
using NeuralPDE.Plots;

namespace NeuralPDE.Cli.Commands;

/// <summary><c>neuralpde train poisson-star --method wos</c>: the WoS-supervised FNO (<see cref="WosFnoTrainer"/>) on
/// <c>--data F.h5</c> or on the spec's <c>wos.data</c> dataset (generated into out/datasets/ when missing); prints the
/// test error against the finite-difference solutions, the WoS targets' own error (noise floor) and the walk cost,
/// writes the checkpoint and optionally JSON, an HTML page and the exported state dict.</summary>
public static class WosFnoTrainRunner
{
    public static int Execute(TrainRequest request, ProblemSpec spec)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Family != "poisson" || spec.Variant != "star")
        {
            throw new SpecException($"--method wos applies to poisson-star only (got {spec.Name}, {spec.Family}/{spec.Variant})");
        }
        if (request.Steps is not null)
        {
            throw new SpecException("--steps: not used by --method wos (use --epochs)");
        }
        WosFnoSettings settings = WosFnoSettings.FromSpec(spec);
        if (request.Epochs is int epochs)
        {
            settings = settings with { Fno = settings.Fno with { Epochs = epochs } };
        }
        var device = ComputeDevice.Resolve(request.Device);
        string data = request.Data ?? FnoTrainRunner.DefaultDataset(spec, settings.Fno, request.Quiet, "-wos");
        using var cancel = new CtrlCCancellation();
        var clock = Stopwatch.StartNew();
        using var trainer = FnoTrainRunner.Guarded(() => new WosFnoTrainer(settings, data, new FnoTrainingOptions
        {
            Seed = request.Seed,
            CheckpointPath = request.Checkpoint,
            Problem = spec.Name,
            Device = device,
            Cancellation = cancel.Token,
        }));
        string model = trainer.Model.Network.Config.Describe();
        if (!request.Quiet)
        {
            Console.WriteLine($"train {spec.Name} (wos): {model}; inputs {string.Join(", ", StarPoissonOperatorData.ChannelNames)}; {settings.Describe()}");
            string supervision = settings.Supervision switch
            {
                OperatorSupervision.Wos => $"WoS targets at {trainer.TargetNodes} interior nodes",
                OperatorSupervision.Autograd => $"-Δu - f by autograd at {settings.Collocation} random interior points and u - g at {settings.BoundaryPoints} boundary points per star and step",
                _ => "the residual of their Shortley-Weller equations",
            };
            Console.WriteLine($"data      {data}: {trainer.Train.Count} train samples ({supervision}; their FD solutions are never used for training) / {trainer.Test.Count} test samples (FD reference), grid {trainer.Train.Grid.NX}x{trainer.Train.Grid.NY}");
        }
        // Training memory, as in bench wos-vs-pinn's MLP mode (the data, walk pools and runtime loaded before are left out).
        var probe = TrainingMemory.Start();
        WosFnoResult result = ProgressDisplay.Run($"train {spec.Name}", request.Quiet, progress =>
        {
            trainer.Progress = progress;
            return trainer.Run();
        });
        string checkpoint = request.Checkpoint ?? Path.Combine("out", $"{spec.Name}-wos-fno.ckpt");
        if (request.Checkpoint is null)
        {
            trainer.SaveCheckpoint(checkpoint);
        }
        double wall = clock.Elapsed.TotalSeconds;
        // One reading for the console and the JSON: the peak of training, before the plot is drawn.
        TrainingMemoryReading memory = probe.Stop();
        double peakMemory = Math.Round(memory.ProcessPeakMB, 1);
        double trainingMemory = Math.Round(memory.TrainingMB, 1);
        double beforeTraining = memory.BeforeMB;
        double walksPerSecond = result.WalkSeconds > 0 ? result.TotalWalks / result.WalkSeconds : double.NaN;
        double finalLoss = result.History.Length > 0 ? result.History[^1].TrainLoss : double.NaN;
        Console.WriteLine($"problem   {spec.Name} ({spec.Family}/{spec.Variant})");
        Console.WriteLine($"method    {(settings.Supervision == OperatorSupervision.Wos ? "wos-supervised" : $"physics-informed ({settings.SupervisionName})")} fno: {model}; {settings.Describe()}");
        Console.WriteLine($"epochs    {result.Epochs}{(result.ResumedFromEpoch > 0 ? $" (resumed at {result.ResumedFromEpoch})" : "")}, final {settings.LossName} {finalLoss:E3}");
        Console.WriteLine($"relL2     {result.Test.Mean:E3} vs the finite-difference solutions of {result.Test.Errors.Length} test samples, on the mask (median {result.Test.Median:E3}, max {result.Test.Max:E3}; untrained network {result.InitialTestRelL2:E3})");
        if (settings.Supervision == OperatorSupervision.Wos)
        {
            Console.WriteLine($"targets   WoS running means vs FD (training samples): rel L2 {result.TargetRelL2:E3} after {result.WalksPerNode} walks/node, mean standard error {result.TargetStandardError:E3} (noise floor; FD data are used only for evaluation)");
            Console.WriteLine($"walks     {result.TotalWalks} in {result.WalkSeconds:F1} s ({walksPerSecond:F0} walks/s)");
        }
        else if (settings.Supervision == OperatorSupervision.Autograd)
        {
            Console.WriteLine("targets   none: physics-informed, -Δu - f by autograd at random points of each star plus u - g on its boundary (wos.training.supervision = autograd; FD solutions used only for evaluation)");
        }
        else
        {
            Console.WriteLine("targets   none: physics-informed on the relative residual of each sample's Shortley-Weller equations (wos.training.supervision = residual; FD solutions used only for evaluation)");
        }
        Console.WriteLine($"wall      {wall:F1} s (training {result.Seconds:F1} s, of which walking {result.WalkSeconds:F1} s and evaluating {result.EvaluationSeconds:F1} s), peak memory {peakMemory:F0} MB (training {trainingMemory:F0} MB above the {beforeTraining:F0} MB before it), {TorchSharp.torch.get_num_threads()} threads");
        Console.WriteLine($"checkpoint {checkpoint}");
        if (request.Export is string export)
        {
            StateDictFile.Save(export, trainer.Model.Network.NamedTensors());
            Console.WriteLine($"wrote {export} (state dict)");
        }
        if (request.Plot is not null)
        {
            Plot(request.Plot, spec, trainer, result, settings, model);
            Console.WriteLine($"wrote {request.Plot}");
        }
        if (request.Json is not null)
        {
            var json = JsonSummary.TrainingRun(spec, "wos", result.Test.Mean, $"finite-difference solutions of the test samples of {data} (on the mask; used only for evaluation)", new JsonObject
            {
                ["supervision"] = settings.SupervisionName,
                ["initialRelL2"] = JsonSummary.Number(result.InitialTestRelL2),
                ["targetRelL2"] = JsonSummary.Number(result.TargetRelL2),
                ["targetStandardError"] = JsonSummary.Number(result.TargetStandardError),
                ["walksPerNode"] = result.WalksPerNode,
                ["totalWalks"] = result.TotalWalks,
                ["targetNodes"] = trainer.TargetNodes,
                ["walkSeconds"] = Math.Round(result.WalkSeconds, 3),
                ["wallSeconds"] = Math.Round(wall, 3),
                ["trainSeconds"] = Math.Round(result.Seconds, 3),
                ["evaluationSeconds"] = Math.Round(result.EvaluationSeconds, 3),
                ["epochs"] = result.Epochs,
                ["resumedFromEpoch"] = result.ResumedFromEpoch,
                ["samples"] = trainer.Train.Count,
                ["testSamples"] = trainer.Test.Count,
                ["peakMemoryMB"] = peakMemory,
                ["trainingMemoryMB"] = trainingMemory,
                ["memoryBeforeTrainingMB"] = Math.Round(beforeTraining, 1),
                ["peakWasReset"] = memory.PeakWasReset,
                ["seed"] = request.Seed,
                ["device"] = request.Device,
                ["threads"] = TorchSharp.torch.get_num_threads(),
                ["data"] = data,
                ["checkpoint"] = checkpoint,
                ["inputs"] = new JsonArray(StarPoissonOperatorData.ChannelNames.Select(n => (JsonNode)n).ToArray()),
                ["model"] = trainer.Model.Network.Config.ToJson(),
                ["settings"] = settings.ToJson(),
                ["test"] = FnoReport.Evaluation(result.Test),
                ["history"] = new JsonArray(result.History.Select(h => (JsonNode)h.ToJson()).ToArray()),
            });
            JsonSummary.Write(request.Json, json);
            Console.WriteLine($"wrote {request.Json}");
        }
        return 0;
    }

    /// <summary>The <c>--plot</c> page: summary, loss / error curves, and the first test sample (FD reference,
    /// prediction, error) on the mask.</summary>
    private static void Plot(string path, ProblemSpec spec, WosFnoTrainer trainer, WosFnoResult result, WosFnoSettings settings, string model)
    {
        var report = new OfflineHtmlReport("WoS-supervised Fourier neural operator");
        report.Section("Summary", $"{spec.Name}: {model}; {settings.Describe()}. {result.Epochs} epochs in {result.Seconds:F0} s " +
            $"({result.WalkSeconds:F0} s walking, {result.TotalWalks} walks). Test relative L2 vs finite differences {result.Test.Mean:E3}; " +
            $"WoS targets vs finite differences {result.TargetRelL2:E3} after {result.WalksPerNode} walks per node. " +
            "The finite-difference solutions are used only for these evaluations, never for training.");
        if (result.History.Length > 0)
        {
            var evaluated = result.History.Where(h => double.IsFinite(h.TestRelL2)).ToArray();
            report.Add("loss against the WoS targets per epoch", LossFigures.LossCurves(result.History.Select(h => (double)h.Epoch).ToArray(),
                new Dictionary<string, double[]> { ["masked relative L2 vs WoS targets"] = result.History.Select(h => h.TrainLoss).ToArray() }));
            if (evaluated.Length > 0)
            {
                report.Add("errors against the finite-difference reference", LossFigures.LossCurves(evaluated.Select(h => (double)h.Epoch).ToArray(),
                    new Dictionary<string, double[]>
                    {
                        ["test relative L2 (operator)"] = evaluated.Select(h => h.TestRelL2).ToArray(),
                        ["WoS targets relative L2 (training samples)"] = evaluated.Select(h => h.TargetRelL2).ToArray(),
                    }, "error"));
            }
        }
        report.Add("per-sample test errors", FnoFigures.ErrorHistogram(result.Test.Errors));
        var data = trainer.Test;
        double[] gx = data.Grid.XValues(), gy = data.Grid.YValues();
        double[] mask = data.Masks[0].Select(v => (double)v).ToArray();
        double[] reference = data.Reference[0].Select(v => (double)v).ToArray();
        double[] prediction = trainer.Predict(data, 0);
        report.Add($"test sample {data.Indices[0]}: finite-difference reference", SolutionFigures.Heatmap2D(gx, gy, reference, mask));
        report.Add($"test sample {data.Indices[0]}: WoS-supervised FNO", SolutionFigures.Heatmap2D(gx, gy, prediction, mask));
        report.Add($"test sample {data.Indices[0]}: error (prediction − reference)", SolutionFigures.Heatmap2D(gx, gy, prediction.Select((p, k) => p - reference[k]).ToArray(), mask));
        report.Save(path);
    }
}
