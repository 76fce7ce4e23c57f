using System.Diagnostics;
using System.Text.Json.Nodes;
using NeuralPDE.Core.Random;
using NeuralPDE.Numerics.Solvers;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuralPDE.Learning.Fno;

/// <summary>
/// Trains an FNO on a <see cref="FnoSampleStore"/>: the first <c>train</c> samples train, the last <c>test</c> samples
/// test (the FNO/PDEBench convention); each epoch visits the training samples in a seeded permutation (a function of
/// seed and epoch) in mini-batches streamed from the file, with Adam (L2 weight decay) at the scheduled learning rate
/// and the relative Lp or H1 loss on decoded predictions. The test error is evaluated every <c>evalEvery</c> epochs
/// and at the end; checkpoints are written every <c>checkpointEvery</c> epochs and at the end, and an existing
/// checkpoint is resumed: the run then continues exactly as if it had not stopped.
/// </summary>
public sealed class FnoTrainer : IDisposable
{
    private readonly FnoSettings _settings;
    private readonly FnoSampleStore _store;
    private readonly FnoTrainingOptions _options;
    private readonly FnoAdam _adam;
    private readonly List<FnoEpochRecord> _history = [];
    private readonly Device _device;

    public FnoTrainer(FnoSettings settings, FnoSampleStore store, FnoTrainingOptions options)
    {
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _device = options.Device ?? CPU;
        if (settings.Threads > 0)
        {
            set_num_threads(settings.Threads);
        }
        if (settings.TrainSamples + settings.TestSamples > store.Count)
        {
            throw new ArgumentException($"fno.data.train + fno.data.test = {settings.TrainSamples + settings.TestSamples} exceeds the {store.Count} samples of {store.Path}");
        }
        TrainIndices = Enumerable.Range(0, settings.TrainSamples).ToArray();
        TestIndices = Enumerable.Range(store.Count - settings.TestSamples, settings.TestSamples).ToArray();
        if (settings.Variant != FnoVariant.Direct && settings.Pairing != FnoPairing.TimeWindow)
        {
            throw new ArgumentException($"fno.model.variant {FnoVariants.Name(settings.Variant)}: needs time-window data (fno.data.pairing = time-window)");
        }
        FnoCheckpoint? resume = options.CheckpointPath is string path && File.Exists(path) ? FnoCheckpoint.Load(path) : null;
        try
        {
            FnoConfig config = resume is not null
                ? FnoConfig.FromJson(resume.Header["config"]!.AsObject())
                : settings.Config((int)store.InputShape[0], (int)store.OutputShape[0]);
            if (resume is null)
            {
                random.manual_seed(options.Seed);
                Model = new FnoModel(new FnoNetwork(config), settings.Variant,
                    FitNormalizer(input: true), FitNormalizer(input: false));
            }
            else
            {
                Model = resume.Model();
                if (Model.Variant != settings.Variant)
                {
                    throw new ArgumentException($"{options.CheckpointPath}: the checkpoint holds a {FnoVariants.Name(Model.Variant)} model, the settings ask for {FnoVariants.Name(settings.Variant)}");
                }
            }
            Model.CheckData(store.InputShape, store.OutputShape, store.Path);
            if (_device.type != TorchSharp.DeviceType.CPU)
            {
                Model.Network.to(_device.type, _device.index);
            }
            _adam = new FnoAdam(Model.Network.NamedTensors(), settings.WeightDecay);
            if (resume is not null)
            {
                Restore(resume);
            }
        }
        finally
        {
            resume?.Dispose();
        }
    }

    public FnoModel Model { get; }

    public int[] TrainIndices { get; }

    public int[] TestIndices { get; }

    /// <summary>Completed epochs.</summary>
    public int Epoch { get; private set; }

    public int ResumedFromEpoch { get; private set; }

    public IReadOnlyList<FnoEpochRecord> History => _history;

    public IProgress<SolveProgress>? Progress { get; set; }

    private double _seconds;

    public FnoTrainingResult Train()
    {
        var clock = Stopwatch.StartNew();
        double startSeconds = _seconds;
        LearningRateSchedule schedule = _settings.LearningRates;
        IProgress<SolveProgress>? progress = Progress ?? _options.Progress;
        long samples = 0;
        while (Epoch < _settings.Epochs)
        {
            _options.Cancellation.ThrowIfCancellationRequested();
            double lr = schedule.At(Epoch);
            int[] order = Permutation(Epoch);
            double lossSum = 0;
            int batches = 0;
            Model.Network.train();
            for (int start = 0; start < order.Length; start += _settings.BatchSize)
            {
                _options.Cancellation.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                int[] batch = order.Skip(start).Take(_settings.BatchSize).ToArray();
                var (x, y) = _store.Batch(batch, _device);
                Tensor prediction = Model.Predict(x, (int)_store.OutputShape[0]);
                Tensor loss = FnoLoss.Mean(_settings.Loss, prediction, y, _settings.P);
                _adam.ZeroGrad();
                loss.backward();
                _adam.Update(lr);
                double value = loss.item<float>();
                if (!double.IsFinite(value))
                {
                    throw new InvalidOperationException($"fno training: the loss became {value} at epoch {Epoch + 1} (lower fno.training.learningRate)");
                }
                lossSum += value * batch.Length;
                samples += batch.Length;
                batches++;
            }
            Epoch++;
            _seconds = startSeconds + clock.Elapsed.TotalSeconds;
            bool last = Epoch == _settings.Epochs || OverTime(startSeconds, clock) || Epoch == _options.StopAfterEpochs;
            double test = Epoch % _settings.EvalEvery == 0 || last ? Test().Mean : double.NaN;
            _history.Add(new FnoEpochRecord(Epoch, lossSum / order.Length, test, lr, _seconds));
            progress?.Report(new SolveProgress((double)Epoch / Math.Max(1, _settings.Epochs),
                $"epoch {Epoch}/{_settings.Epochs}, train loss {lossSum / order.Length:E3}{(double.IsFinite(test) ? $", test rel. L2 {test:E3}" : "")}"));
            if (_options.CheckpointPath is string path && (Epoch % _settings.CheckpointEvery == 0 || last))
            {
                SaveCheckpoint(path);
            }
            if (last)
            {
                break;
            }
        }
        FnoEvaluation final = Test();
        return new FnoTrainingResult(Epoch, ResumedFromEpoch, _seconds, samples, clock.Elapsed.TotalSeconds, final, _history.ToArray());
    }

    /// <summary>Per-sample errors on the test samples.</summary>
    public FnoEvaluation Test()
    {
        Model.Network.eval();
        return FnoEvaluation.Run(Model, _store, TestIndices, Math.Max(_settings.BatchSize, 20), _device);
    }

    private bool OverTime(double startSeconds, Stopwatch clock) =>
        _settings.MaxSeconds > 0 && clock.Elapsed.TotalSeconds + startSeconds >= _settings.MaxSeconds;

    private int[] Permutation(int epoch) => Shuffled(TrainIndices, _options.Seed, 1_000_000 + epoch);

    /// <summary>A copy of <paramref name="items"/> in a seeded random order (Fisher–Yates on generator stream
    /// (<paramref name="seed"/>, <paramref name="stream"/>)).</summary>
    internal static int[] Shuffled(int[] items, long seed, long stream)
    {
        int[] order = (int[])items.Clone();
        var rng = Xoshiro256StarStar.ForStream(seed, stream);
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = (int)(rng.NextUInt64() % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    private UnitGaussianNormalizer FitNormalizer(bool input)
    {
        NormalizerMode mode = _settings.Normalise;
        if (mode == NormalizerMode.None)
        {
            return new UnitGaussianNormalizer(mode, null, null);
        }
        // Streaming sums over the training samples (float64), so a large training set never sits in memory at once.
        Tensor? sum = null, squares = null;
        long count = 0;
        using var noGrad = no_grad();
        for (int start = 0; start < TrainIndices.Length; start += 100)
        {
            using var scope = NewDisposeScope();
            var (x, y) = _store.Batch(TrainIndices.Skip(start).Take(100).ToArray());
            Tensor data = (input ? x : y).to(ScalarType.Float64);
            long[] axes = mode == NormalizerMode.Pointwise ? [0] : Enumerable.Range(0, (int)data.dim()).Where(a => a != 1).Select(a => (long)a).ToArray();
            Tensor s = data.sum(axes, keepdim: true);
            Tensor q = data.square().sum(axes, keepdim: true);
            count += data.numel() / s.numel();
            if (sum is null)
            {
                sum = s.MoveToOuterDisposeScope();
                squares = q.MoveToOuterDisposeScope();
            }
            else
            {
                sum.add_(s);
                squares!.add_(q);
            }
        }
        using (sum)
        using (squares)
        {
            Tensor mean = (sum! / count);
            Tensor variance = ((squares! - sum! * mean) / Math.Max(1, count - 1)).clamp_min(0);
            return new UnitGaussianNormalizer(mode, mean.to(ScalarType.Float32).to(_device), variance.sqrt().to(ScalarType.Float32).to(_device));
        }
    }

    /// <summary>Writes the run's state (model, optimiser, normalisers, history) to <paramref name="path"/>.</summary>
    public void SaveCheckpoint(string path)
    {
        List<(string, Tensor)> tensors = StateTensors(_adam);
        AddNormalizer(tensors, "input", Model.InputNormalizer);
        AddNormalizer(tensors, "output", Model.OutputNormalizer);
        var header = new JsonObject
        {
            ["format"] = "neuralpde-fno-checkpoint",
            ["problem"] = _options.Problem,
            ["config"] = Model.Network.Config.ToJson(),
            ["variant"] = FnoVariants.Name(Model.Variant),
            ["settings"] = _settings.ToJson(),
            ["epoch"] = Epoch,
            ["adamStep"] = _adam.Step,
            ["seed"] = _options.Seed,
            ["seconds"] = _seconds,
            ["inputNormalizer"] = Model.InputNormalizer.Mode.ToString().ToLowerInvariant(),
            ["outputNormalizer"] = Model.OutputNormalizer.Mode.ToString().ToLowerInvariant(),
            ["data"] = _store.Path,
            ["resolution"] = new JsonArray(_store.Resolution.Select(n => (JsonNode)n).ToArray()),
            ["history"] = new JsonArray(_history.Select(h => (JsonNode)h.ToJson()).ToArray()),
        };
        new FnoCheckpoint(header, tensors).Save(path);
    }

    /// <summary>The checkpoint tensors of a model and its optimiser: <c>model.*</c> (the parameters Adam updates) and
    /// Adam's moments <c>adam.m.*</c>, <c>adam.v.*</c>.</summary>
    internal static List<(string, Tensor)> StateTensors(FnoAdam adam)
    {
        var tensors = new List<(string, Tensor)>();
        foreach (var (name, p) in adam.Parameters)
        {
            tensors.Add(("model." + name, p));
        }
        for (int i = 0; i < adam.Parameters.Count; i++)
        {
            tensors.Add(("adam.m." + adam.Parameters[i].Name, adam.M[i]));
            tensors.Add(("adam.v." + adam.Parameters[i].Name, adam.V[i]));
        }
        return tensors;
    }

    internal static void AddNormalizer(List<(string, Tensor)> tensors, string which, UnitGaussianNormalizer normalizer)
    {
        if (normalizer.Mode != NormalizerMode.None)
        {
            tensors.Add(($"normalizer.{which}.mean", normalizer.Mean!));
            tensors.Add(($"normalizer.{which}.std", normalizer.Std!));
        }
    }

    /// <summary>Adam's moments and step count from a checkpoint written with <see cref="StateTensors"/>.</summary>
    internal static void RestoreAdam(FnoAdam adam, FnoCheckpoint checkpoint)
    {
        using var noGrad = no_grad();
        for (int i = 0; i < adam.Parameters.Count; i++)
        {
            string name = adam.Parameters[i].Name;
            adam.M[i].copy_(checkpoint.Get("adam.m." + name));
            adam.V[i].copy_(checkpoint.Get("adam.v." + name));
        }
        adam.Step = checkpoint.Header["adamStep"]!.GetValue<long>();
    }

    private void Restore(FnoCheckpoint checkpoint)
    {
        RestoreAdam(_adam, checkpoint);
        Epoch = checkpoint.Header["epoch"]!.GetValue<int>();
        ResumedFromEpoch = Epoch;
        _seconds = checkpoint.Header["seconds"]?.GetValue<double>() ?? 0;
        foreach (JsonNode? h in checkpoint.Header["history"]?.AsArray() ?? [])
        {
            _history.Add(FnoEpochRecord.FromJson(h!.AsObject()));
        }
    }

    public void Dispose()
    {
        _adam.Dispose();
        Model.Dispose();
    }
}
