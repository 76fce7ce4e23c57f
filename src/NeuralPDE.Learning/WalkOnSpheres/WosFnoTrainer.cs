using System.Diagnostics;
using System.Text.Json.Nodes;
using TorchSharp;
using NeuralPDE.Core.Geometry;
using NeuralPDE.Data.Reading;
using NeuralPDE.Learning.Fno;
using NeuralPDE.Numerics.Solvers;
using NeuralPDE.Numerics.WalkOnSpheres;
using static TorchSharp.torch;

namespace NeuralPDE.Learning.WalkOnSpheres;

/// <summary>
/// A Fourier neural operator for the poisson-star family trained on walk-on-spheres estimates only (after WoS-NO,
/// Viswanath et al.): inputs are the 4 channels of <see cref="StarPoissonOperatorData"/> (mask, distance, extended
/// boundary data, source) on the dataset grid, output u. Every training sample keeps one <see cref="WosTargetPool"/>
/// on its interior grid nodes; each epoch first draws <c>wos.walks.perRefresh</c> new walks per node and merges them
/// into the running means, then takes one pass over the training samples (seeded permutation, mini-batches, Adam at
/// the scheduled learning rate) on the masked relative L2 loss ‖(û − ū)·m‖/‖ū·m‖, ū the WoS means at interior nodes
/// and g at the mask's boundary nodes. No solver data and no derivatives enter the loss: the finite-difference
/// solutions of the dataset are read only to report the test error (test split: the last <c>test</c> samples) and
/// the targets' own error (the noise floor). With <c>wos.training.supervision = residual</c> the same operator, data and
/// schedule are trained physics-informed instead (<see cref="StarResidualLoss"/>, no walks): the baseline of the WoS-NO
/// comparison. A checkpoint holds the running means too, so a run resumes exactly.
/// </summary>
public sealed class WosFnoTrainer : IDisposable
{
    private readonly WosFnoSettings _settings;
    private readonly FnoTrainingOptions _options;
    private readonly FnoAdam _adam;
    private readonly Device _device;
    private readonly List<WosFnoEpochRecord> _history = [];
    private readonly WosTargetPool[] _pools;
    private readonly int[][] _interiorNodes;
    private readonly float[][] _targets;
    private readonly StarResidualLoss? _residual;
    private readonly StarCollocationLoss? _collocation;

    public WosFnoTrainer(WosFnoSettings settings, string dataPath, FnoTrainingOptions options)
    {
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        ArgumentNullException.ThrowIfNull(dataPath);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        settings.Validate();
        _device = options.Device ?? CPU;
        FnoSettings fno = settings.Fno;
        if (fno.Threads > 0)
        {
            set_num_threads(fno.Threads);
        }
        int count;
        using (var reader = new DatasetReader(dataPath))
        {
            StarPoissonOperatorData.Check(reader);
            count = reader.Count;
        }
        if (fno.TrainSamples + fno.TestSamples > count)
        {
            throw new ArgumentException($"wos.data.train + wos.data.test = {fno.TrainSamples + fno.TestSamples} exceeds the {count} samples of {dataPath}");
        }
        Train = StarPoissonOperatorData.Load(dataPath, Enumerable.Range(0, fno.TrainSamples).ToArray());
        Test = StarPoissonOperatorData.Load(dataPath, Enumerable.Range(count - fno.TestSamples, fno.TestSamples).ToArray());
        NodeGrid2D grid = Train.Grid;
        _pools = new WosTargetPool[Train.Count];
        _interiorNodes = new int[Train.Count][];
        _targets = new float[Train.Count][];
        for (int s = 0; s < Train.Count; s++)
        {
            var problem = Train.Problems[s];
            StarDomain domain = problem.Domain();
            var (points, interior) = WosTargetPool.OnGrid(domain, grid);
            _interiorNodes[s] = Enumerable.Range(0, grid.Count).Where(k => interior[k] != 0).ToArray();
            var wos = new WalkOnSpheres2D(domain, problem.Boundary, problem.Source);
            var walk = new WosSettings
            {
                Walks = settings.WalksPerRefresh,
                Epsilon = settings.RelativeEpsilon * domain.Bounds.Diameter,
                MaxSteps = settings.MaxSteps,
                Seed = options.Seed * 1_000_003L + Train.Indices[s],
                Threads = fno.Threads,
            };
            _pools[s] = new WosTargetPool(wos, points, walk);
            // Boundary nodes of the mask (not strictly inside): the known boundary data g.
            var target = new float[grid.Count];
            for (int i = 0; i < grid.NX; i++)
            {
                for (int j = 0; j < grid.NY; j++)
                {
                    int k = grid.Index(i, j);
                    if (Train.Masks[s][k] != 0 && interior[k] == 0)
                    {
                        target[k] = (float)problem.Boundary(grid.X(i), grid.Y(j));
                    }
                }
            }
            _targets[s] = target;
        }
        _residual = settings.Supervision == OperatorSupervision.Residual ? new StarResidualLoss(Train) : null;
        _collocation = settings.Supervision == OperatorSupervision.Autograd
            ? new StarCollocationLoss(Train, settings.Collocation, settings.BoundaryPoints, settings.BoundaryWeight, options.Seed)
            : null;
        FnoCheckpoint? resume = options.CheckpointPath is string path && File.Exists(path) ? FnoCheckpoint.Load(path) : null;
        try
        {
            Model = resume is null ? NewModel(fno, options.Seed) : ResumedModel(resume, options.CheckpointPath!);
            if (_device.type != TorchSharp.DeviceType.CPU)
            {
                Model.Network.to(_device.type, _device.index);
            }
            Model.Network.CheckInput([1, StarPoissonOperatorData.Channels, grid.NX, grid.NY]);
            _adam = new FnoAdam(Model.Network.NamedTensors(), fno.WeightDecay);
            if (resume is not null)
            {
                Restore(resume, options.CheckpointPath!);
            }
        }
        finally
        {
            resume?.Dispose();
        }
    }

    private FnoModel NewModel(FnoSettings fno, int seed)
    {
        FnoConfig config = fno.Config(StarPoissonOperatorData.Channels, 1);
        random.manual_seed(seed);
        UnitGaussianNormalizer input;
        using (var all = Inputs(Train, Enumerable.Range(0, Train.Count).ToArray(), CPU))
        {
            input = UnitGaussianNormalizer.Fit(all, fno.Normalise);
        }
        if (input.Mode != NormalizerMode.None && _device.type != TorchSharp.DeviceType.CPU)
        {
            var moved = new UnitGaussianNormalizer(input.Mode, input.Mean!.to(_device), input.Std!.to(_device));
            input.Dispose();
            input = moved;
        }
        return new FnoModel(new FnoNetwork(config), FnoVariant.Direct, input, new UnitGaussianNormalizer(NormalizerMode.None, null, null));
    }

    /// <summary>The operator of a WoS-FNO checkpoint, after checking that it belongs to this run: same format, the same
    /// training samples (count and interior nodes), the same walks per refresh and the same supervision.</summary>
    private FnoModel ResumedModel(FnoCheckpoint checkpoint, string path)
    {
        string? format = checkpoint.Header["format"]?.GetValue<string>();
        if (format != CheckpointFormat)
        {
            throw new InvalidDataException($"{path}: format '{format}', expected a {CheckpointFormat} to resume --method wos (delete it or pass another --checkpoint)");
        }
        long nodes = checkpoint.Header["targetNodes"]?.GetValue<long>() ?? -1;
        int samples = checkpoint.Header["samples"]?.GetValue<int>() ?? -1;
        if (samples != Train.Count || nodes != TargetNodes)
        {
            throw new InvalidDataException($"{path}: the checkpoint was trained on {samples} samples with {nodes} target nodes, this run has {Train.Count} samples with {TargetNodes} (same --data and wos.data.train expected)");
        }
        int walks = checkpoint.Header["walksPerRefresh"]?.GetValue<int>() ?? -1;
        if (walks != _settings.WalksPerRefresh)
        {
            throw new InvalidDataException($"{path}: the checkpoint drew {walks} walks per refresh, the settings ask for wos.walks.perRefresh = {_settings.WalksPerRefresh}");
        }
        string supervision = checkpoint.Header["settings"]?["supervision"]?.GetValue<string>() ?? "wos";
        if (supervision != _settings.SupervisionName)
        {
            throw new InvalidDataException($"{path}: the checkpoint was trained with wos.training.supervision = {supervision}, the settings ask for {_settings.SupervisionName}");
        }
        return checkpoint.Model();
    }

    private void Restore(FnoCheckpoint checkpoint, string path)
    {
        FnoTrainer.RestoreAdam(_adam, checkpoint);
        Epoch = checkpoint.Header["epoch"]!.GetValue<int>();
        ResumedFromEpoch = Epoch;
        _seconds = checkpoint.Header["seconds"]?.GetValue<double>() ?? 0;
        _evaluationSeconds = checkpoint.Header["evaluationSeconds"]?.GetValue<double>() ?? 0;
        _initialTestRelL2 = checkpoint.Header["initialRelL2"]?.GetValue<double>() ?? double.NaN;
        foreach (JsonNode? h in checkpoint.Header["history"]?.AsArray() ?? [])
        {
            _history.Add(WosFnoEpochRecord.FromJson(h!.AsObject()));
        }
        double[] sum, squares;
        using (var scope = NewDisposeScope())
        {
            sum = checkpoint.Get("wos.sum").to_type(ScalarType.Float64).data<double>().ToArray();
            squares = checkpoint.Get("wos.sumSquares").to_type(ScalarType.Float64).data<double>().ToArray();
        }
        JsonArray pools = checkpoint.Header["wosPools"]?.AsArray() ?? throw new InvalidDataException($"{path}: missing wosPools");
        if (pools.Count != _pools.Length || sum.Length != TargetNodes || squares.Length != TargetNodes)
        {
            throw new InvalidDataException($"{path}: the saved walk-on-spheres targets do not match the {_pools.Length} training samples");
        }
        int offset = 0;
        for (int s = 0; s < _pools.Length; s++)
        {
            int n = _pools[s].Points.Length;
            JsonObject p = pools[s]!.AsObject();
            _pools[s].Restore(new WosTargetPoolState(sum[offset..(offset + n)], squares[offset..(offset + n)],
                p["round"]!.GetValue<long>(), p["walksPerPoint"]!.GetValue<long>(), p["walkSeconds"]!.GetValue<double>(),
                p["totalWalks"]!.GetValue<long>(), p["totalSteps"]!.GetValue<long>()));
            offset += n;
            if (_pools[s].WalksPerPoint > 0)
            {
                CopyMeans(s);
            }
        }
    }

    public FnoModel Model { get; }

    /// <summary>The training split (WoS targets; its finite-difference solutions only for the noise-floor report).</summary>
    public StarPoissonOperatorData Train { get; }

    /// <summary>The test split (evaluation against its finite-difference solutions).</summary>
    public StarPoissonOperatorData Test { get; }

    public int Epoch { get; private set; }

    /// <summary>The epoch a checkpoint was resumed from (0 for a fresh run).</summary>
    public int ResumedFromEpoch { get; private set; }

    private const string CheckpointFormat = "neuralpde-wos-fno-checkpoint";
    private double _seconds;

    // Of _seconds: test evaluations, target-error checks and checkpoints, which are not training steps.
    private double _evaluationSeconds;
    private double _initialTestRelL2 = double.NaN;

    public IReadOnlyList<WosFnoEpochRecord> History => _history;

    public IProgress<SolveProgress>? Progress { get; set; }

    /// <summary>True when the operator is fitted to walk-on-spheres targets (not a physics-informed baseline).</summary>
    private bool Walking => _settings.Supervision == OperatorSupervision.Wos;

    /// <summary>Interior grid nodes carrying WoS targets, over all training samples.</summary>
    public long TargetNodes => _pools.Sum(p => (long)p.Points.Length);

    public long TotalWalks => _pools.Sum(p => p.TotalWalks);

    public double WalkSeconds => _pools.Sum(p => p.WalkSeconds);

    public WosFnoResult Run()
    {
        FnoSettings fno = _settings.Fno;
        IProgress<SolveProgress>? progress = Progress ?? _options.Progress;
        var clock = Stopwatch.StartNew();
        double startSeconds = _seconds, evaluationStart = _evaluationSeconds;
        var evaluation = new Stopwatch();
        if (ResumedFromEpoch == 0 || !double.IsFinite(_initialTestRelL2))
        {
            evaluation.Start();
            _initialTestRelL2 = Evaluate(Test).Mean;
            evaluation.Stop();
        }
        LearningRateSchedule schedule = fno.LearningRates;
        double targetError = double.NaN;
        while (Epoch < fno.Epochs)
        {
            _options.Cancellation.ThrowIfCancellationRequested();
            if (Walking)
            {
                RefreshTargets();
            }
            double lr = schedule.At(Epoch);
            int[] order = Permutation(Epoch);
            double lossSum = 0;
            Model.Network.train();
            for (int start = 0; start < order.Length; start += fno.BatchSize)
            {
                _options.Cancellation.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                int[] batch = order.Skip(start).Take(fno.BatchSize).ToArray();
                Tensor loss = Loss(batch);
                _adam.ZeroGrad();
                loss.backward();
                _adam.Update(lr);
                double value = loss.item<float>();
                if (!double.IsFinite(value))
                {
                    throw new InvalidOperationException($"wos fno training: the loss became {value} at epoch {Epoch + 1} (lower wos.training.learningRate)");
                }
                lossSum += value * batch.Length;
            }
            Epoch++;
            _seconds = startSeconds + clock.Elapsed.TotalSeconds;
            bool last = Epoch == fno.Epochs || (fno.MaxSeconds > 0 && _seconds >= fno.MaxSeconds) || Epoch == _options.StopAfterEpochs;
            double test = double.NaN;
            evaluation.Start();
            if (Epoch % fno.EvalEvery == 0 || last)
            {
                test = Evaluate(Test).Mean;
                targetError = Walking ? TargetRelL2() : double.NaN;
            }
            evaluation.Stop();
            var record = new WosFnoEpochRecord(Epoch, lossSum / order.Length, test, double.IsFinite(test) ? targetError : double.NaN,
                _pools[0].WalksPerPoint, lr, _seconds, WalkSeconds);
            _history.Add(record);
            string state = Walking
                ? $"{_settings.LossName} {record.TrainLoss:E3}{(double.IsFinite(test) ? $", test rel. L2 vs FD {test:E3}, WoS targets vs FD {targetError:E3}" : "")}, {record.WalksPerNode} walks/node"
                : $"{_settings.LossName} {record.TrainLoss:E3}{(double.IsFinite(test) ? $", test rel. L2 vs FD {test:E3}" : "")}";
            progress?.Report(new SolveProgress((double)Epoch / Math.Max(1, fno.Epochs), $"epoch {Epoch}/{fno.Epochs}, {state}"));
            if (_options.CheckpointPath is string path && (Epoch % fno.CheckpointEvery == 0 || last))
            {
                evaluation.Start();
                _seconds = startSeconds + clock.Elapsed.TotalSeconds;   // both clocks as of this save
                _evaluationSeconds = evaluationStart + evaluation.Elapsed.TotalSeconds;
                SaveCheckpoint(path);
                evaluation.Stop();
            }
            if (last)
            {
                break;
            }
        }
        evaluation.Start();
        FnoEvaluation final = Evaluate(Test);
        if (!double.IsFinite(targetError) && _pools[0].WalksPerPoint > 0)
        {
            targetError = TargetRelL2();
        }
        evaluation.Stop();
        _evaluationSeconds = evaluationStart + evaluation.Elapsed.TotalSeconds;
        double se = _pools[0].WalksPerPoint > 1 ? _pools.Average(p => p.StandardErrors().Average()) : double.NaN;
        _seconds = startSeconds + clock.Elapsed.TotalSeconds;
        return new WosFnoResult(Epoch, _seconds, WalkSeconds, TotalWalks, _pools[0].WalksPerPoint,
            final, targetError, se, _history.ToArray())
        {
            InitialTestRelL2 = _initialTestRelL2,
            EvaluationSeconds = _evaluationSeconds,
            ResumedFromEpoch = ResumedFromEpoch,
        };
    }

    /// <summary>The mean training loss of a mini-batch: the masked relative L2 misfit to the WoS targets, the
    /// relative residual of the discrete equations (<see cref="OperatorSupervision.Residual"/>) or the autograd
    /// PDE and boundary loss at this step's random points (<see cref="OperatorSupervision.Autograd"/>).</summary>
    private Tensor Loss(int[] batch)
    {
        if (_collocation is not null)
        {
            Tensor hidden = Model.Network.Hidden(Model.InputNormalizer.Encode(Inputs(Train, batch, _device)));
            return _collocation.Relative(Model.Network, hidden, batch, _adam.Step).mean();
        }
        Tensor prediction = Model.Predict(Inputs(Train, batch, _device));
        if (_residual is not null)
        {
            return _residual.Relative(prediction, batch).mean();
        }
        Tensor y = Planes(_targets, batch, Train.Grid, _device);
        Tensor m = Planes(Train.Masks, batch, Train.Grid, _device);
        return FnoLoss.RelativeLp(prediction * m, y).mean();
    }

    /// <summary>New walks at every interior node of every training sample, merged into the running means.</summary>
    private void RefreshTargets()
    {
        for (int s = 0; s < _pools.Length; s++)
        {
            _options.Cancellation.ThrowIfCancellationRequested();
            _pools[s].Refresh(_options.Cancellation);
            CopyMeans(s);
        }
    }

    /// <summary>Training sample <paramref name="s"/>'s interior targets from its pool's running means.</summary>
    private void CopyMeans(int s)
    {
        double[] means = _pools[s].Means();
        int[] nodes = _interiorNodes[s];
        for (int p = 0; p < nodes.Length; p++)
        {
            _targets[s][nodes[p]] = (float)means[p];
        }
    }

    /// <summary>Per-sample relative L2 errors of the model on <paramref name="data"/> against its finite-difference
    /// solutions, on the closed-domain mask.</summary>
    public FnoEvaluation Evaluate(StarPoissonOperatorData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Model.Network.eval();
        using var noGrad = no_grad();
        var errors = new double[data.Count];
        int batchSize = Math.Max(_settings.Fno.BatchSize, 20);
        for (int start = 0; start < data.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            int[] batch = Enumerable.Range(start, Math.Min(batchSize, data.Count - start)).ToArray();
            Tensor m = Planes(data.Masks, batch, data.Grid, _device);
            Tensor u = Planes(data.Reference, batch, data.Grid, _device);
            float[] e = FnoLoss.RelativeLp(Model.Predict(Inputs(data, batch, _device)) * m, u * m).cpu().data<float>().ToArray();
            for (int b = 0; b < e.Length; b++)
            {
                errors[start + b] = e[b];
            }
        }
        Model.Network.train();
        return new FnoEvaluation([data.Grid.NX, data.Grid.NY], data.Indices, errors);
    }

    /// <summary>The model's prediction [X, Y] for sample <paramref name="sample"/> of <paramref name="data"/>.</summary>
    public double[] Predict(StarPoissonOperatorData data, int sample)
    {
        ArgumentNullException.ThrowIfNull(data);
        Model.Network.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        Tensor prediction = Model.Predict(Inputs(data, [sample], _device));
        Model.Network.train();
        return prediction.to(ScalarType.Float64).cpu().contiguous().data<double>().ToArray();
    }

    /// <summary>Mean relative L2 error of the current WoS targets against the finite-difference solutions of the
    /// training samples, on the mask: how far the supervision itself is from the reference.</summary>
    public double TargetRelL2()
    {
        double sum = 0;
        for (int s = 0; s < _targets.Length; s++)
        {
            double num = 0, den = 0;
            float[] t = _targets[s], u = Train.Reference[s], m = Train.Masks[s];
            for (int k = 0; k < t.Length; k++)
            {
                if (m[k] != 0)
                {
                    num += (t[k] - (double)u[k]) * (t[k] - (double)u[k]);
                    den += (double)u[k] * u[k];
                }
            }
            sum += Math.Sqrt(num / den);
        }
        return sum / _targets.Length;
    }

    /// <summary>The current WoS targets [X, Y] of training sample <paramref name="sample"/> (0 outside the mask).</summary>
    public float[] Targets(int sample) => (float[])_targets[sample].Clone();

    private static Tensor Inputs(StarPoissonOperatorData data, int[] batch, Device device)
    {
        int size = data.Inputs[0].Length;
        var x = new float[batch.Length * size];
        for (int b = 0; b < batch.Length; b++)
        {
            Array.Copy(data.Inputs[batch[b]], 0, x, b * size, size);
        }
        return tensor(x, [batch.Length, StarPoissonOperatorData.Channels, data.Grid.NX, data.Grid.NY]).to(device);
    }

    private static Tensor Planes(float[][] planes, int[] batch, NodeGrid2D grid, Device device)
    {
        var v = new float[batch.Length * grid.Count];
        for (int b = 0; b < batch.Length; b++)
        {
            Array.Copy(planes[batch[b]], 0, v, b * grid.Count, grid.Count);
        }
        return tensor(v, [batch.Length, 1, grid.NX, grid.NY]).to(device);
    }

    private int[] Permutation(int epoch) => FnoTrainer.Shuffled(Enumerable.Range(0, Train.Count).ToArray(), _options.Seed, 2_000_000 + epoch);

    /// <summary>Writes the model, optimiser state, input normaliser and history in the FNO checkpoint format
    /// (<see cref="FnoCheckpoint"/>; <see cref="FnoCheckpoint.Model"/> rebuilds the operator), with the WoS running
    /// sums of every training sample (<c>wos.sum</c>, <c>wos.sumSquares</c>, float64, samples in order) and each
    /// pool's round counter and totals (<c>wosPools</c>), so that a run resumed from it draws the same walks and
    /// continues exactly as if it had not stopped.</summary>
    public void SaveCheckpoint(string path)
    {
        List<(string, Tensor)> tensors = FnoTrainer.StateTensors(_adam);
        FnoTrainer.AddNormalizer(tensors, "input", Model.InputNormalizer);
        WosTargetPoolState[] states = _pools.Select(p => p.Save()).ToArray();
        using var sum = tensor(states.SelectMany(t => t.Sum).ToArray(), ScalarType.Float64);
        using var squares = tensor(states.SelectMany(t => t.SumSquares).ToArray(), ScalarType.Float64);
        tensors.Add(("wos.sum", sum));
        tensors.Add(("wos.sumSquares", squares));
        var header = new JsonObject
        {
            ["format"] = CheckpointFormat,
            ["problem"] = _options.Problem,
            ["config"] = Model.Network.Config.ToJson(),
            ["variant"] = FnoVariants.Name(Model.Variant),
            ["inputs"] = new JsonArray(StarPoissonOperatorData.ChannelNames.Select(n => (JsonNode)n).ToArray()),
            ["settings"] = _settings.ToJson(),
            ["epoch"] = Epoch,
            ["adamStep"] = _adam.Step,
            ["seed"] = _options.Seed,
            ["inputNormalizer"] = Model.InputNormalizer.Mode.ToString().ToLowerInvariant(),
            ["outputNormalizer"] = "none",
            ["data"] = Train.Path,
            ["resolution"] = new JsonArray(Train.Grid.NX, Train.Grid.NY),
            ["walksPerNode"] = _pools[0].WalksPerPoint,
            ["walksPerRefresh"] = _settings.WalksPerRefresh,
            ["samples"] = Train.Count,
            ["targetNodes"] = TargetNodes,
            ["seconds"] = _seconds,
            ["evaluationSeconds"] = _evaluationSeconds,
            ["initialRelL2"] = double.IsFinite(_initialTestRelL2) ? _initialTestRelL2 : null,
            ["wosPools"] = new JsonArray(states.Select(t => (JsonNode)new JsonObject
            {
                ["round"] = t.Round,
                ["walksPerPoint"] = t.WalksPerPoint,
                ["walkSeconds"] = t.WalkSeconds,
                ["totalWalks"] = t.TotalWalks,
                ["totalSteps"] = t.TotalSteps,
            }).ToArray()),
            ["history"] = new JsonArray(_history.Select(h => (JsonNode)h.ToJson()).ToArray()),
        };
        new FnoCheckpoint(header, tensors).Save(path);
    }

    public void Dispose()
    {
        _adam.Dispose();
        Model.Dispose();
    }
}
