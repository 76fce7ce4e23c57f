using System.Diagnostics;
using System.Globalization;
using NeuralPDE.Core.Specs;
using NeuralPDE.Learning.Fno;
using NeuralPDE.Numerics.Torch;
using static TorchSharp.torch;

namespace NeuralPDE.Benchmarks.Methods;

/// <summary>
/// The Fourier neural operator: for a problem with an <c>fno</c> section (burgers-1d-periodic, darcy-2d,
/// ns-vorticity-2d), generates the spec's training dataset (<see cref="FnoBenchmarkDataset"/>), trains an FNO on it
/// with the budget's settings (<see cref="FnoBenchmarkSettings"/>), then predicts the benchmark instance, the one the
/// classical solver solved (<see cref="FnoBenchmarkInstance"/>), and compares it with the reference on the reference
/// grid. Darcy is trained on the reference grid itself (at the quick budget on every other node of it, see
/// <see cref="TrainingResolution"/>); Burgers is trained on the recipe's subsampled grid and evaluated zero-shot on the
/// reference grid (a pointwise normaliser, tied to its grid, is then replaced by a
/// per-channel one). The wall time includes generating the data (also reported on its own as
/// <c>generationSeconds</c>); the row's details hold the FNO's error on its own test split.
/// </summary>
public sealed class FnoMethod : IBenchmarkMethod
{
    public string Name => "fno";

    public string? NotApplicableReason(ProblemSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Has("fno"))
        {
            return null;
        }
        return spec.Has("wos")
            ? "this problem's operator learner is the WoS-supervised FNO, trained on its own (neuralpde train " + spec.Name + " --method wos); the wos row is WoS supervision of one instance"
            : "no FNO dataset recipe for this problem: an operator learner needs a family of instances (FNO problems: burgers-1d-periodic, darcy-2d, ns-vorticity-2d)";
    }

    public MethodOutcome Run(BenchmarkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ProblemSpec spec = context.Spec;
        BenchmarkReference reference = context.Reference;
        FnoSettings settings = FnoBenchmarkSettings.For(spec, context.Options);
        var notes = new List<string>();
        if (settings.Pairing == FnoPairing.CoefficientSolution && settings.Stride != 1)
        {
            settings = settings with { Stride = 1 };
            notes.Add("stride 1 (trained on the reference grid)");
        }
        FnoBenchmarkInstance instance = FnoBenchmarkInstance.From(reference, settings);
        using var memory = new MemoryProbe();
        var clock = Stopwatch.StartNew();
        int trainingResolution = TrainingResolution(reference, context.Options.Budget);
        FnoBenchmarkDataset data = FnoBenchmarkDataset.Ensure(context, settings, trainingResolution);
        FnoBenchmarkInstance evaluated = instance;
        if (settings.Pairing == FnoPairing.CoefficientSolution && trainingResolution != reference.Shape[0])
        {
            evaluated = instance.EveryOtherNode();
        }
        if (data.Note.Length > 0)
        {
            notes.Add(data.Note);
        }
        using var store = new FnoSampleStore(data.Path, settings.Pairing, settings.Stride, settings.TimeStride, settings.InputSteps, settings.OutputSteps);
        string trainGrid = string.Join("x", store.Resolution);
        bool sameGrid = store.Resolution.SequenceEqual(evaluated.Resolution);
        if (!sameGrid && settings.Normalise == NormalizerMode.Pointwise)
        {
            settings = settings with { Normalise = NormalizerMode.Channel };
            notes.Add("channel normaliser (pointwise is tied to the training grid)");
        }
        notes.Add(evaluated != instance
            ? $"trained and predicted on {trainGrid} (every other node of the reference grid), bilinear interpolation to the other nodes"
            : sameGrid
                ? $"trained and evaluated on the reference grid {trainGrid}"
                : $"trained at {trainGrid}, evaluated zero-shot at {string.Join("x", instance.Resolution)}");
        Device device = ComputeDevice.Resolve(context.Options.Device);
        using var trainer = new FnoTrainer(settings, store, new FnoTrainingOptions
        {
            Seed = context.Options.Seed,
            Problem = spec.Name,
            Device = device,
            Cancellation = context.Cancellation,
            Progress = new ProgressLines(context.Log, "fno"),
        });
        string described = $"{trainer.Model.Network.Config.Describe()}; {settings.Describe()}; {trainer.TrainIndices.Length} train / {trainer.TestIndices.Length} test samples of {data.Recipe}";
        context.Log?.Report($"fno: {described}");
        FnoTrainingResult result = trainer.Train();
        double[] prediction = Predict(trainer.Model, evaluated, device);
        if (evaluated != instance)
        {
            prediction = FnoBenchmarkInstance.Refine(prediction, (int)evaluated.Resolution[0], (int)evaluated.Resolution[1]);
        }
        double relL2 = instance.RelativeL2(reference, prediction);
        double wall = clock.Elapsed.TotalSeconds;
        int perEpoch = FnoBenchmarkSettings.BatchesPerEpoch(settings);
        double[] steps = result.History.Select(h => (double)h.Epoch * perEpoch).ToArray();
        notes.Add(string.Create(CultureInfo.InvariantCulture, $"own test split relL2 {result.Test.Mean:E2}"));
        return new MethodOutcome(spec.Name, Name, MethodStatus.Completed)
        {
            RelL2 = relL2,
            Reason = $"{instance.Description}; {string.Join("; ", notes)}",
            WallSeconds = wall,
            PeakMemoryMB = memory.PeakIncreaseMB,
            Prediction = instance.CoversGrid(reference)
                ? new Dictionary<string, double[]>(StringComparer.Ordinal) { [reference.Field] = prediction }
                : null,
            Curves =
            [
                new LossCurve("train loss", steps, result.History.Select(h => h.TrainLoss).ToArray()),
                new LossCurve("test relative L2", steps, result.History.Select(h => h.TestRelL2).ToArray()),
            ],
            Details = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["steps"] = result.Epochs * perEpoch,
                ["epochs"] = result.Epochs,
                ["relL2_testSplit"] = result.Test.Mean,
                ["testSplitMedian"] = result.Test.Median,
                ["trainSamples"] = trainer.TrainIndices.Length,
                ["testSamples"] = trainer.TestIndices.Length,
                ["generationSeconds"] = data.GenerationSeconds,
                ["datasetReused"] = data.Reused ? 1 : 0,
                ["trainSeconds"] = result.TrainSeconds,
                ["samplesPerSecond"] = result.SamplesPerSecond,
            },
            Settings = described + $" ({data.Path})",
            Seed = context.Options.Seed,
        };
    }

    /// <summary>The node count per axis of coefficient-solution training data: the reference grid's, or at the quick
    /// budget every other node of it (n = 2m + 1 → m + 1 nodes on the same square, a quarter of the points to solve
    /// and train on); the FNO then predicts on those nodes, and the reference grid's other nodes are interpolated
    /// bilinearly (zero-shot evaluation on the finer grid was tried and is much worse with the spec's padding, which
    /// is counted in grid points).</summary>
    public static int TrainingResolution(BenchmarkReference reference, BenchmarkBudget budget)
    {
        ArgumentNullException.ThrowIfNull(reference);
        int n = reference.Shape[0];
        return budget == BenchmarkBudget.Quick && n >= 33 && (n - 1) % 2 == 0 ? (n - 1) / 2 + 1 : n;
    }

    /// <summary>The model's output for the instance, ordered as <see cref="FnoBenchmarkInstance.TargetIndices"/>.</summary>
    private static double[] Predict(FnoModel model, FnoBenchmarkInstance instance, Device device)
    {
        model.Network.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        Tensor x = tensor(instance.Input, [1, .. instance.InputShape]).to(device);
        Tensor y = model.Predict(x, instance.OutputChannels);
        return y.to(ScalarType.Float64).cpu().contiguous().data<double>().ToArray();
    }
}
