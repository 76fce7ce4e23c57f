using System.Diagnostics;
using NeuralPDE.Learning.Networks;
using NeuralPDE.Learning.Optimization;
using NeuralPDE.Learning.Sampling;
using NeuralPDE.Numerics.Solvers;
using static TorchSharp.torch;

namespace NeuralPDE.Learning.Pinn;

/// <summary>
/// Trains a physics-informed network: loss = w_pde · mean |r(x_f)|² + Σ_i λ_i · mean |b_i|² over collocation points
/// x_f (PDE residual r by autograd) and soft-constraint residuals b_i; hard constraints live in the problem's output
/// transform. Adam first (optionally with periodic resampling, RAR / RAR-D refinement, grad-norm weights and causal
/// weighting of the residual in time), then L-BFGS with a strong-Wolfe line search on fixed points. Metrics every N
/// steps; checkpoints that resume bit for bit; a NaN or diverging loss stops the run, restores the last good
/// parameters and reports where the last good checkpoint is.
/// </summary>
public sealed class PinnTrainer : IDisposable
{
    private readonly PinnProblem _problem;
    private readonly PinnSettings _settings;
    private readonly TrainingOptions _options;
    private readonly IReadOnlyList<Constraint> _constraints;
    private readonly double[] _weights;
    private readonly List<MetricRecord> _history = [];
    private readonly Adam _adam;
    private Lbfgs? _lbfgs;
    private double[] _basePoints;
    private readonly List<double> _addedPoints = [];
    private Tensor _x;
    private Tensor? _binIndex;
    private Tensor? _binCount;
    private double[] _lastGood;
    private long _lastGoodStep;
    private double _bestLoss = double.PositiveInfinity;
    private double _lastPde = double.NaN;
    private double[] _lastTerms;
    private double _seconds;
    private long _lastCheckpointStep = -1;

    public PinnTrainer(PinnProblem problem, PinnSettings settings, TrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(settings);
        _problem = problem;
        _settings = settings;
        _options = options ?? new TrainingOptions();
        if (settings.Threads > 0)
        {
            set_num_threads(settings.Threads);
        }
        Network = new Mlp(settings.Shape(problem), _options.Seed);
        _constraints = problem.Constraints(_options.Seed, settings.DType)
            .Select(c => c with { Points = c.Points.detach().clone().requires_grad_(true) }).ToList();
        _weights = Enumerable.Repeat(settings.ConstraintWeight, _constraints.Count).ToArray();
        _lastTerms = new double[_constraints.Count];
        _adam = new Adam(Network.Parameters, settings.LearningRate, settings.DecayRate, settings.DecaySteps);
        _basePoints = SampleBase(0);
        _x = BuildCollocation();
        _lastGood = Network.GetParameters();
        Progress = _options.Progress;
    }

    public Mlp Network { get; }

    /// <summary>Progress sink (initially <see cref="TrainingOptions.Progress"/>).</summary>
    public IProgress<SolveProgress>? Progress { get; set; }

    /// <summary>The model of the physical fields (network + hard-constraint transform).</summary>
    public Field Field => x => _problem.Apply(x, Network.Forward);

    public long Step { get; private set; }

    /// <summary>True when the last <see cref="Train"/> ended on <see cref="PinnSettings.MaxSeconds"/>.</summary>
    public bool TimeLimited { get; private set; }

    public IReadOnlyList<MetricRecord> History => _history;

    public IReadOnlyList<Constraint> Constraints => _constraints;

    public IReadOnlyList<double> ConstraintWeights => _weights;

    /// <summary>Current collocation points, row-major [N, d].</summary>
    public double[] CollocationPoints => [.. _basePoints, .. _addedPoints];

    private string? CheckpointPath => _options.CheckpointDirectory is null ? null : Path.Combine(_options.CheckpointDirectory, TrainingCheckpoint.FileName);

    /// <summary>Trains to <see cref="PinnSettings.TotalSteps"/> (resuming from a checkpoint when there is one).</summary>
    public TrainingResult Train()
    {
        long resumedFrom = 0;
        if (CheckpointPath is string path && File.Exists(path))
        {
            Restore(TrainingCheckpoint.Load(path), path);
            resumedFrom = Step;
        }
        long total = _settings.TotalSteps;
        var clock = Stopwatch.StartNew();
        double startSeconds = _seconds;
        bool interrupted = false;
        while (Step < total)
        {
            if (_options.Cancellation.IsCancellationRequested)
            {
                _seconds = startSeconds + clock.Elapsed.TotalSeconds;
                SaveCheckpoint();
                _options.Cancellation.ThrowIfCancellationRequested();
            }
            bool adam = Step < _settings.AdamSteps;
            double loss = adam ? AdamStep() : LbfgsStep();
            if (_options.InjectNaNAtStep == Step + 1)
            {
                loss = double.NaN;
            }
            if (!double.IsFinite(loss) || loss > _settings.DivergenceFactor * _bestLoss)
            {
                Stop(Step + 1, loss, adam ? "Adam" : "L-BFGS");
            }
            _bestLoss = Math.Min(_bestLoss, loss);
            Step++;
            _seconds = startSeconds + clock.Elapsed.TotalSeconds;
            if (Step % _settings.MetricsEvery == 0 || Step == total || Step == _settings.AdamSteps)
            {
                Record(loss, adam ? "adam" : "lbfgs");
            }
            bool stopHere = _options.StopAtStep is long stopAt && Step >= stopAt && Step < total;
            if (Step % _settings.CheckpointEvery == 0 || Step == total || stopHere)
            {
                SaveCheckpoint();
            }
            Progress?.Report(new SolveProgress((double)Step / Math.Max(1, total), $"{(adam ? "Adam" : "L-BFGS")} step {Step}, loss {loss:E3}"));
            if (stopHere)
            {
                interrupted = true;
                break;
            }
            if (_settings.MaxSeconds > 0 && clock.Elapsed.TotalSeconds >= _settings.MaxSeconds && Step < total)
            {
                _options.Log?.Invoke($"time budget of {_settings.MaxSeconds} s reached at step {Step}");
                Record(loss, adam ? "adam" : "lbfgs");
                SaveCheckpoint();
                TimeLimited = true;
                break;
            }
            if (!adam && _lbfgs!.Converged)
            {
                // L-BFGS has converged: the remaining iterations would not change anything
                _options.Log?.Invoke($"L-BFGS converged at step {Step} (loss {loss:E4})");
                Record(loss, "lbfgs");
                Step = total;
                SaveCheckpoint();
                break;
            }
        }
        double finalLoss = _history.Count > 0 ? _history[^1].Loss : double.NaN;
        return new TrainingResult(Step, resumedFrom, _seconds, finalLoss, _history, _lbfgs?.Iterations ?? 0, _lbfgs?.Evaluations ?? 0,
            _lbfgs?.Converged ?? false, interrupted, (int)_x.shape[0], _constraints.Select(c => c.Name).ToArray());
    }

    private void Stop(long step, double loss, string phase)
    {
        Network.SetParameters(_lastGood);
        string kept = CheckpointPath is string path && _lastCheckpointStep >= 0
            ? $"; last good checkpoint: {path} (step {_lastCheckpointStep})"
            : "";
        string what = double.IsFinite(loss) ? $"diverged (loss {loss:E3} > {_settings.DivergenceFactor:G3} x best {_bestLoss:E3})" : $"became {loss}";
        throw new TrainingStoppedException($"training stopped at step {step} ({phase}): the loss {what}; parameters restored to step {_lastGoodStep}{kept}. Try a smaller pinn.adam.learningRate.")
        {
            Step = step,
            RestoredStep = _lastGoodStep,
        };
    }

    private void Record(double loss, string phase)
    {
        if (_history.Count > 0 && _history[^1].Step == Step)
        {
            return;
        }
        _history.Add(new MetricRecord(Step, phase, loss, _lastPde, (double[])_lastTerms.Clone(), (double[])_weights.Clone(), _seconds));
        if (double.IsFinite(loss))
        {
            _lastGood = Network.GetParameters();
            _lastGoodStep = Step;
        }
        string terms = string.Join(" ", _constraints.Select((c, i) => $"{c.Name} {_lastTerms[i]:E2}"));
        _options.Log?.Invoke($"step {Step,7} {phase,-5} loss {loss:E4}  pde {_lastPde:E2} {terms}  ({_seconds:F1} s)");
    }

    // ---------------------------------------------------------------- loss

    private (Tensor Total, Tensor Pde, Tensor[] Terms) LossTensors()
    {
        Field field = Field;
        Tensor r = _problem.Residual(field, _x);
        if (r.dim() != 2 || r.shape[0] != _x.shape[0])
        {
            throw new InvalidOperationException($"{_problem.Name}: residual must be [N, r] for N = {_x.shape[0]} points, got [{string.Join(", ", r.shape)}]");
        }
        Tensor pde = _settings.Causal && _problem.TimeInput >= 0 ? CausalLoss(r) : r.square().mean();
        var terms = new Tensor[_constraints.Count];
        Tensor total = pde * _settings.PdeWeight;
        for (int i = 0; i < terms.Length; i++)
        {
            terms[i] = _constraints[i].Residual(field, _constraints[i].Points).square().mean();
            total = total + terms[i] * _weights[i];
        }
        return (total, pde, terms);
    }

    /// <summary>Causal weighting (Wang, Sankaran &amp; Perdikaris 2024): the residual loss L_k of time slab k is weighted by
    /// exp(−ε Σ_{j&lt;k} L_j) (no gradient through the weights), so later times count only once earlier ones are resolved.</summary>
    private Tensor CausalLoss(Tensor r)
    {
        int bins = _settings.CausalBins;
        if (_binIndex is null || _binCount is null)
        {
            using var noGrad = no_grad();
            int ti = _problem.TimeInput;
            double lo = _problem.Lower[ti], hi = _problem.Upper[ti];
            Tensor t = _x.detach().select(1, ti);
            _binIndex = ((t - lo) / (hi - lo) * bins).floor().clamp(0, bins - 1).to_type(ScalarType.Int64).DetachFromDisposeScope();
            _binCount = zeros(bins, dtype: _x.dtype).index_add_(0, _binIndex, ones_like(t), 1).clamp_min(1).DetachFromDisposeScope();
        }
        Tensor r2 = r.square().sum(1);
        Tensor slab = zeros(bins, dtype: r.dtype).index_add(0, _binIndex, r2, 1) / _binCount;
        Tensor before;
        using (no_grad())
        {
            Tensor cumulative = slab.detach().cumsum(0);
            before = cat([zeros(1, dtype: r.dtype), cumulative.narrow(0, 0, bins - 1)]);
        }
        Tensor w = (-_settings.CausalEpsilon * before).exp();
        return (w * slab).mean();
    }

    private double AdamStep()
    {
        long step = Step;
        if (_settings.ResampleEvery > 0 && step > 0 && step % _settings.ResampleEvery == 0)
        {
            _basePoints = SampleBase(step / _settings.ResampleEvery);
            RebuildCollocation();
        }
        if (_settings.Refinement != RefinementMode.None && step > 0 && step % _settings.RefineEvery == 0)
        {
            Refine(step);
        }
        if (_settings.Weights == WeightMode.GradNorm && _constraints.Count > 0 && step % _settings.WeightEvery == 0)
        {
            UpdateWeights();
        }
        using var scope = NewDisposeScope();
        var (total, pde, terms) = LossTensors();
        double loss = total.item<double>();
        Remember(pde, terms);
        if (!double.IsFinite(loss))
        {
            return loss;
        }
        Tensor g = autograd.grad([total], [Network.Parameters])[0];
        _adam.Update(g);
        return loss;
    }

    private double LbfgsStep()
    {
        _lbfgs ??= NewLbfgs();
        return _lbfgs.Iterate();
    }

    private Lbfgs NewLbfgs() => new(Network.Parameters, () =>
    {
        using var scope = NewDisposeScope();
        var (total, pde, terms) = LossTensors();
        double loss = total.item<double>();
        Remember(pde, terms);
        Tensor g = autograd.grad([total], [Network.Parameters])[0].detach();
        return (loss, g.MoveToOuterDisposeScope());
    }, _settings.LbfgsHistory);

    private void Remember(Tensor pde, Tensor[] terms)
    {
        _lastPde = pde.item<double>();
        for (int i = 0; i < terms.Length; i++)
        {
            _lastTerms[i] = terms[i].item<double>();
        }
    }

    /// <summary>Grad-norm balancing: λ̂_i = max|∇θ L_pde| / mean|∇θ L_i|, λ_i ← (1−α) λ_i + α λ̂_i.</summary>
    private void UpdateWeights()
    {
        using var scope = NewDisposeScope();
        var (_, pde, terms) = LossTensors();
        Tensor gp = autograd.grad([pde], [Network.Parameters], retain_graph: true)[0];
        double maxPde = gp.abs().max().item<double>() * _settings.PdeWeight;
        for (int i = 0; i < terms.Length; i++)
        {
            Tensor gi = autograd.grad([terms[i]], [Network.Parameters], retain_graph: i < terms.Length - 1)[0];
            double mean = gi.abs().mean().item<double>();
            if (mean > 0 && double.IsFinite(mean) && double.IsFinite(maxPde))
            {
                _weights[i] = (1 - _settings.WeightAlpha) * _weights[i] + _settings.WeightAlpha * (maxPde / mean);
            }
        }
    }

    /// <summary>RAR: add the candidates of largest residual. RAR-D: add candidates drawn with probability
    /// ∝ |r|^k / mean |r|^k + c (without replacement).</summary>
    private void Refine(long step)
    {
        int d = _problem.Inputs.Length;
        int seed = unchecked(_options.Seed * 1000003 + (int)step * 7919 + 104729);
        double[] candidates = BoxSampler.Sample(CollocationMethod.Uniform, _settings.RefineCandidates, _problem.Lower, _problem.Upper, seed, _problem.Inside);
        double[] r = ResidualNorms(candidates);
        int n = r.Length;
        int add = Math.Min(_settings.RefineAdd, n);
        int[] chosen;
        if (_settings.Refinement == RefinementMode.Rar)
        {
            chosen = Enumerable.Range(0, n).OrderByDescending(i => r[i]).ThenBy(i => i).Take(add).ToArray();
        }
        else
        {
            double[] p = r.Select(v => Math.Pow(v, _settings.RefineK)).ToArray();
            double mean = p.Average();
            for (int i = 0; i < n; i++)
            {
                p[i] = (mean > 0 ? p[i] / mean : 0) + _settings.RefineC;
            }
            var rng = new Random(seed);
            var picked = new List<int>(add);
            var available = Enumerable.Range(0, n).ToList();
            double sum = p.Sum();
            for (int k = 0; k < add && sum > 0; k++)
            {
                double u = rng.NextDouble() * sum, acc = 0;
                int pos = available.Count - 1;
                for (int a = 0; a < available.Count; a++)
                {
                    acc += p[available[a]];
                    if (acc >= u)
                    {
                        pos = a;
                        break;
                    }
                }
                int index = available[pos];
                picked.Add(index);
                sum -= p[index];
                available.RemoveAt(pos);
            }
            chosen = picked.ToArray();
        }
        foreach (int i in chosen)
        {
            for (int j = 0; j < d; j++)
            {
                _addedPoints.Add(candidates[i * d + j]);
            }
        }
        RebuildCollocation();
        _options.Log?.Invoke($"step {step}: {_settings.Refinement} added {chosen.Length} points (N = {_x.shape[0]})");
    }

    /// <summary>|r(x)| (Euclidean over residual components) at the given points.</summary>
    public double[] ResidualNorms(double[] points)
    {
        int d = _problem.Inputs.Length;
        Field field = Field;
        return PinnProblem.Sample(field, points, d, 0, _settings.DType, (x, _) => _problem.Residual(field, x).square().sum(1, keepdim: true).sqrt(), 4096);
    }

    private double[] SampleBase(long epoch)
    {
        int seed = unchecked(_options.Seed * 1000003 + (int)epoch * 7919 + 17);
        return BoxSampler.Sample(_settings.Method, _settings.Points, _problem.Lower, _problem.Upper, seed, _problem.Inside);
    }

    private Tensor BuildCollocation()
    {
        double[] all = CollocationPoints;
        int d = _problem.Inputs.Length;
        return TensorData.FromArray(all, _settings.DType).reshape(all.Length / d, d).requires_grad_(true);
    }

    private void RebuildCollocation()
    {
        _x.Dispose();
        _x = BuildCollocation();
        _binIndex?.Dispose();
        _binCount?.Dispose();
        _binIndex = null;
        _binCount = null;
    }

    // ---------------------------------------------------------------- checkpoints

    private string Signature => $"{_problem.Name}|{string.Join(",", _problem.Inputs)}|{_settings.Shape(_problem).ParameterCount}|{_settings.Describe()}|seed {_options.Seed}";

    private void SaveCheckpoint()
    {
        if (CheckpointPath is not string path)
        {
            return;
        }
        var c = new TrainingCheckpoint();
        c.Texts["signature"] = Signature;
        c.Scalars["step"] = Step;
        c.Scalars["seconds"] = _seconds;
        c.Scalars["bestLoss"] = _bestLoss;
        c.Scalars["lastGoodStep"] = _lastGoodStep;
        c.Scalars["lastPde"] = _lastPde;
        c.Scalars["adam.step"] = _adam.Step;
        c.Arrays["theta"] = Network.GetParameters();
        c.Arrays["lastGood"] = _lastGood;
        c.Arrays["adam.m"] = ToArray(_adam.M);
        c.Arrays["adam.v"] = ToArray(_adam.V);
        c.Arrays["points.base"] = _basePoints;
        c.Arrays["points.added"] = _addedPoints.ToArray();
        c.Arrays["weights"] = (double[])_weights.Clone();
        c.Arrays["lastTerms"] = (double[])_lastTerms.Clone();
        c.Arrays["history.step"] = _history.Select(h => (double)h.Step).ToArray();
        c.Arrays["history.phase"] = _history.Select(h => h.Phase == "adam" ? 0.0 : 1.0).ToArray();
        c.Arrays["history.loss"] = _history.Select(h => h.Loss).ToArray();
        c.Arrays["history.pde"] = _history.Select(h => h.PdeLoss).ToArray();
        c.Arrays["history.seconds"] = _history.Select(h => h.Seconds).ToArray();
        c.Arrays["history.terms"] = _history.SelectMany(h => h.ConstraintLosses).ToArray();
        c.Arrays["history.weights"] = _history.SelectMany(h => h.Weights).ToArray();
        if (_lbfgs is not null)
        {
            LbfgsState s = _lbfgs.Export();
            c.Scalars["lbfgs.count"] = s.S.Count;
            c.Scalars["lbfgs.hdiag"] = s.HDiag;
            c.Scalars["lbfgs.loss"] = s.Loss;
            c.Scalars["lbfgs.iterations"] = s.Iterations;
            c.Scalars["lbfgs.evaluations"] = s.Evaluations;
            c.Scalars["lbfgs.converged"] = s.Converged ? 1 : 0;
            c.Scalars["lbfgs.retried"] = s.RetriedAfterFailure ? 1 : 0;
            for (int i = 0; i < s.S.Count; i++)
            {
                c.Arrays[$"lbfgs.s{i}"] = s.S[i];
                c.Arrays[$"lbfgs.y{i}"] = s.Y[i];
            }
            if (s.Gradient is not null)
            {
                c.Arrays["lbfgs.gradient"] = s.Gradient;
            }
        }
        c.Save(path);
        _lastCheckpointStep = Step;
    }

    private void Restore(TrainingCheckpoint c, string path)
    {
        string signature = c.Text("signature");
        if (signature != Signature)
        {
            throw new InvalidDataException($"{path} belongs to a different run ({signature}); this run is {Signature}. Use another --checkpoint folder.");
        }
        Step = (long)c.Scalar("step");
        _seconds = c.Scalar("seconds");
        _bestLoss = c.Scalar("bestLoss");
        _lastGoodStep = (long)c.Scalar("lastGoodStep");
        _lastPde = c.Scalar("lastPde");
        Network.SetParameters(c.Array("theta"));
        _lastGood = c.Array("lastGood");
        _adam.Step = (long)c.Scalar("adam.step");
        using (no_grad())
        {
            using var m = tensor(c.Array("adam.m"), dtype: _settings.DType);
            using var v = tensor(c.Array("adam.v"), dtype: _settings.DType);
            _adam.M.copy_(m);
            _adam.V.copy_(v);
        }
        _basePoints = c.Array("points.base");
        _addedPoints.Clear();
        _addedPoints.AddRange(c.Array("points.added"));
        RebuildCollocation();
        Array.Copy(c.Array("weights"), _weights, _weights.Length);
        Array.Copy(c.Array("lastTerms"), _lastTerms, _lastTerms.Length);
        double[] steps = c.Array("history.step"), phases = c.Array("history.phase"), losses = c.Array("history.loss"),
            pdes = c.Array("history.pde"), seconds = c.Array("history.seconds"), terms = c.Array("history.terms"), weights = c.Array("history.weights");
        int nc = _constraints.Count;
        _history.Clear();
        for (int i = 0; i < steps.Length; i++)
        {
            _history.Add(new MetricRecord((long)steps[i], phases[i] == 0 ? "adam" : "lbfgs", losses[i], pdes[i],
                terms.AsSpan(i * nc, nc).ToArray(), weights.AsSpan(i * nc, nc).ToArray(), seconds[i]));
        }
        if (c.Scalars.ContainsKey("lbfgs.count"))
        {
            int count = (int)c.Scalar("lbfgs.count");
            _lbfgs ??= NewLbfgs();
            _lbfgs.Import(new LbfgsState(
                Enumerable.Range(0, count).Select(i => c.Array($"lbfgs.s{i}")).ToList(),
                Enumerable.Range(0, count).Select(i => c.Array($"lbfgs.y{i}")).ToList(),
                c.Scalar("lbfgs.hdiag"),
                c.Scalar("lbfgs.loss"),
                c.Arrays.TryGetValue("lbfgs.gradient", out double[]? g) ? g : null,
                (long)c.Scalar("lbfgs.iterations"),
                (long)c.Scalar("lbfgs.evaluations"),
                c.Scalar("lbfgs.converged") != 0,
                c.Scalar("lbfgs.retried") != 0));
        }
        _lastCheckpointStep = Step;
        _options.Log?.Invoke($"resumed from {path} at step {Step}");
    }

    private static double[] ToArray(Tensor t) => t.detach().to_type(ScalarType.Float64).data<double>().ToArray();

    public void Dispose()
    {
        _lbfgs?.Dispose();
        _adam.Dispose();
        _x.Dispose();
        _binIndex?.Dispose();
        _binCount?.Dispose();
        foreach (Constraint c in _constraints)
        {
            c.Points.Dispose();
        }
        Network.Dispose();
    }
}
