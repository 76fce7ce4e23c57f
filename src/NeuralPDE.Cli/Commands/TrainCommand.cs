using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using NeuralPDE.Cli.Output;
using NeuralPDE.Core.Specs;
using NeuralPDE.Learning.Pinn;
using NeuralPDE.Numerics.Torch;
using NeuralPDE.Plots;

namespace NeuralPDE.Cli.Commands;

/// <summary><c>neuralpde train &lt;problem&gt; --method pinn</c>: trains a neural solver with the spec's defaults (its
/// <c>pinn</c> section), evaluates it against the exact or reference solution and writes JSON / HTML summaries.</summary>
public static class TrainCommand
{
    public static readonly string[] Methods = ["pinn", "fno", "wos"];

    public static Command Create()
    {
        var problem = new Argument<string>("problem") { Description = "A problem name from `neuralpde problems`, or a path to a spec JSON file." };
        var method = new Option<string>("--method") { Description = "Training method: pinn (physics-informed network), fno (Fourier neural operator on an HDF5 dataset) or wos (poisson-star only: an FNO trained on walk-on-spheres estimates, no solver data; FD solutions only for the test error).", DefaultValueFactory = _ => "pinn" };
        var steps = new Option<int?>("--steps") { Description = "Total optimiser steps (Adam + L-BFGS, split as in the spec's pinn section)." };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "pinn: checkpoint folder, saved every pinn.checkpointEvery steps. fno: checkpoint file, saved every fno.training.checkpointEvery epochs (default: out/PROBLEM-fno.ckpt at the end); a run resumes from it. wos: checkpoint file (model, optimiser and the WoS running means), saved every wos.training.checkpointEvery epochs (default: out/PROBLEM-wos-fno.ckpt at the end); a run resumes from it." };
        var data = new Option<string?>("--data") { Description = "fno/wos: the HDF5 dataset to train on (default: the spec's fno.data / wos.data recipe, generated into out/datasets/ when missing)." };
        var epochs = new Option<int?>("--epochs") { Description = "fno/wos: training epochs (overrides fno.training.epochs / wos.training.epochs)." };
        var export = new Option<string?>("--export") { Description = "fno/wos: also write the trained weights as a TorchSharp/PyTorch state-dict file." };
        var set = CommonOptions.Set();
        var seed = CommonOptions.Seed();
        var device = CommonOptions.Device();
        var json = CommonOptions.Json();
        var plot = CommonOptions.Plot();
        var quiet = CommonOptions.Quiet();
        var command = new Command("train", "Train a neural solver (PINN), a neural operator (FNO) or a WoS-supervised FNO (poisson-star) and report its error against exact, reference or held-out data.")
        {
            problem, method, steps, set, seed, device, json, plot, checkpoint, quiet, data, epochs, export,
        };
        command.SetAction(parse => CliApp.Guard(() => Execute(new TrainRequest(
            parse.GetValue(problem)!,
            parse.GetValue(method) ?? "pinn",
            parse.GetValue(steps),
            parse.GetValue(set) ?? [],
            parse.GetValue(seed),
            parse.GetValue(device) ?? "cpu",
            parse.GetValue(json),
            parse.GetValue(plot),
            parse.GetValue(checkpoint),
            parse.GetValue(quiet))
        {
            Data = parse.GetValue(data),
            Epochs = parse.GetValue(epochs),
            Export = parse.GetValue(export),
        })));
        return command;
    }

    public static int Execute(TrainRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Methods.Contains(request.Method, StringComparer.Ordinal))
        {
            throw new SpecException($"--method {request.Method}: expected one of {string.Join(", ", Methods)}");
        }
        if (request.Method is "fno" or "wos")
        {
            if (request.Epochs is int e && e < 0)
            {
                throw new SpecException($"--epochs: expected an integer >= 0, got {e}");
            }
            ProblemSpec loaded = ProblemCatalog.Problems().Load(request.Problem, request.Overrides);
            return request.Method == "fno" ? FnoTrainRunner.Execute(request, loaded) : WosFnoTrainRunner.Execute(request, loaded);
        }
        if (request.Data is not null || request.Epochs is not null || request.Export is not null)
        {
            throw new SpecException("--data, --epochs and --export apply to --method fno and wos only");
        }
        if (request.Steps is int s && s < 0)
        {
            throw new SpecException($"--steps: expected an integer >= 0, got {s}");
        }
        ProblemSpec spec = ProblemCatalog.Problems().Load(request.Problem, request.Overrides);
        ComputeDevice.Resolve(request.Device);
        if (request.Device.Trim().ToLowerInvariant() != "cpu")
        {
            throw new SpecException($"--device {request.Device}: the PINN trainer runs on the CPU only for now (use --device cpu)");
        }
        PinnProblem problem = PinnProblems.For(spec);
        PinnSettings settings = PinnSettings.FromSpec(spec);
        if (request.Steps is int steps)
        {
            settings = settings.WithTotalSteps(steps);
        }
        var ctrlC = new CtrlCCancellation();
        var clock = Stopwatch.StartNew();
        TrainingResult result;
        PinnEvaluation evaluation;
        try
        {
            if (!request.Quiet)
            {
                Console.WriteLine($"train {spec.Name} (pinn): {settings.Describe()}; constraints {problem.ConstraintDescription}");
            }
            using var trainer = new PinnTrainer(problem, settings, new TrainingOptions
            {
                Seed = request.Seed,
                CheckpointDirectory = request.Checkpoint,
                Cancellation = ctrlC.Token,
            });
            try
            {
                result = ProgressDisplay.Run($"train {spec.Name}", request.Quiet, progress =>
                {
                    using var scoped = new ProgressScope(trainer, progress);
                    return trainer.Train();
                });
            }
            catch (TrainingStoppedException e)
            {
                Console.Error.WriteLine($"neuralpde: training stopped: {e.Message}");
                return 1;
            }
            evaluation = problem.Evaluate(trainer.Field, settings.DType);
        }
        finally
        {
            ctrlC.Dispose();
        }
        double wall = clock.Elapsed.TotalSeconds;
        // One reading for the console and the JSON: the peak of training, before the plot is drawn.
        double peakMemory = JsonSummary.PeakMemoryMB();
        Print(spec, settings, result, evaluation, wall, peakMemory);
        if (request.Plot is not null)
        {
            TrainReport.Build(spec, settings, result, evaluation).Save(request.Plot);
            Console.WriteLine($"wrote {request.Plot}");
        }
        if (request.Json is not null)
        {
            JsonSummary.Write(request.Json, Summary(spec, problem, settings, result, evaluation, wall, peakMemory, request));
            Console.WriteLine($"wrote {request.Json}");
        }
        return 0;
    }

    /// <summary>The <c>--json</c> object of a training run.</summary>
    public static JsonObject Summary(ProblemSpec spec, PinnProblem problem, PinnSettings settings, TrainingResult result, PinnEvaluation evaluation, double wallSeconds, double peakMemoryMB, TrainRequest request)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(request);
        var metrics = new JsonObject();
        foreach (var (key, value) in evaluation.Metrics)
        {
            metrics[key] = JsonSummary.Number(value);
        }
        return JsonSummary.TrainingRun(spec, "pinn", evaluation.RelL2, evaluation.ComparedWith, new JsonObject
        {
            ["wallSeconds"] = Math.Round(wallSeconds, 3),
            ["trainSeconds"] = Math.Round(result.Seconds, 3),
            ["steps"] = result.Steps,
            ["resumedFromStep"] = result.ResumedFromStep,
            ["finalLoss"] = JsonSummary.Number(result.FinalLoss),
            ["lbfgsIterations"] = result.LbfgsIterations,
            ["lbfgsEvaluations"] = result.LbfgsEvaluations,
            ["lbfgsConverged"] = result.LbfgsConverged,
            ["collocationPoints"] = result.CollocationPoints,
            ["peakMemoryMB"] = peakMemoryMB,
            ["seed"] = request.Seed,
            ["device"] = request.Device,
            ["threads"] = TorchSharp.torch.get_num_threads(),
            ["settings"] = settings.Describe(),
            ["constraints"] = problem.ConstraintDescription,
            ["metrics"] = metrics,
        });
    }

    private static void Print(ProblemSpec spec, PinnSettings settings, TrainingResult result, PinnEvaluation evaluation, double wall, double peakMemory)
    {
        Console.WriteLine($"problem   {spec.Name} ({spec.Family}/{spec.Variant})");
        Console.WriteLine($"method    pinn: {settings.Describe()}");
        Console.WriteLine($"steps     {result.Steps}{(result.ResumedFromStep > 0 ? $" (resumed at {result.ResumedFromStep})" : "")}, final loss {result.FinalLoss:E3}, L-BFGS {result.LbfgsIterations} iterations / {result.LbfgsEvaluations} evaluations{(result.LbfgsConverged ? " (converged)" : "")}");
        Console.WriteLine($"relL2     {evaluation.RelL2:E3} vs {evaluation.ComparedWith}");
        foreach (var (key, value) in evaluation.Metrics)
        {
            if (key != "relL2")
            {
                Console.WriteLine($"metric    {key} = {value:G6}");
            }
        }
        Console.WriteLine($"wall      {wall:F1} s (training {result.Seconds:F1} s), peak memory {peakMemory:F0} MB");
    }

    /// <summary>Forwards the trainer's progress to the display for the duration of a run.</summary>
    private sealed class ProgressScope : IDisposable
    {
        public ProgressScope(PinnTrainer trainer, IProgress<NeuralPDE.Numerics.Solvers.SolveProgress> progress)
        {
            trainer.Progress = progress;
            Trainer = trainer;
        }

        private PinnTrainer Trainer { get; }

        public void Dispose() => Trainer.Progress = null;
    }
}

/// <summary>Arguments of <c>neuralpde train</c>.</summary>
public sealed record TrainRequest(
    string Problem,
    string Method,
    int? Steps,
    string[] Overrides,
    int Seed,
    string Device,
    string? Json,
    string? Plot,
    string? Checkpoint,
    bool Quiet)
{
    /// <summary>fno: the dataset file (null: the spec's default dataset).</summary>
    public string? Data { get; init; }

    /// <summary>fno: epochs (null: the spec's fno.training.epochs).</summary>
    public int? Epochs { get; init; }

    /// <summary>fno: where to export the trained weights as a state dict.</summary>
    public string? Export { get; init; }
}
