using System.Diagnostics;
using NeuralPDE.Core.Families.Poisson;
using NeuralPDE.Core.Geometry;
using NeuralPDE.Core.Random;
using NeuralPDE.Core.Solutions;
using NeuralPDE.Learning.Networks;
using NeuralPDE.Learning.Optimization;
using NeuralPDE.Learning.Pinn;
using NeuralPDE.Learning.Pinn.Families;
using NeuralPDE.Numerics.WalkOnSpheres;
using static TorchSharp.torch;

namespace NeuralPDE.Learning.WalkOnSpheres;

/// <summary>
/// One poisson-star problem, one MLP u_θ(x, y), two ways to train it for the same number of Adam steps:
/// <list type="bullet">
/// <item><see cref="SupervisionMethod.Pinn"/>: L = mean (−Δu_θ − f)² at <c>Batch</c> fresh uniform interior points
/// (second derivatives by autograd) + w · mean (u_θ − g)² at fresh boundary points;</item>
/// <item><see cref="SupervisionMethod.Wos"/>: L = mean (u_θ − ū)² over a random <c>Batch</c> of a fixed pool of interior
/// points, ū the running-mean walk-on-spheres targets (<see cref="WosTargetPool"/>, refreshed every
/// <c>RefreshEvery</c> steps with <c>WalksPerRefresh</c> new walks per point) + the same boundary term with its own,
/// lighter weight (see <see cref="MlpSupervisionSettings"/>). No solver data, no derivatives of the network.</item>
/// </list>
/// Same initial network (seed), optimiser, batch sizes and boundary points; the error is measured against the
/// finite-difference reference on its closed-domain mask.
/// </summary>
public sealed class StarPoissonMlpTrainer
{
    private readonly StarPoissonProblem _problem;
    private readonly MlpSupervisionSettings _settings;
    private readonly StarDomain _domain;
    private readonly double[] _evalPoints;
    private readonly double[] _evalReference;
    private readonly double[] _gridPoints;

    public StarPoissonMlpTrainer(StarPoissonProblem problem, ReferenceSolution reference, MlpSupervisionSettings settings)
    {
        _problem = problem ?? throw new ArgumentNullException(nameof(problem));
        ArgumentNullException.ThrowIfNull(reference);
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        settings.Validate();
        _domain = problem.Domain();
        double[] xs = reference.Axes[0].Values, ys = reference.Axes[1].Values;
        double[] mask = reference.Mask?.Values ?? throw new ArgumentException("the poisson-star reference needs a mask", nameof(reference));
        var points = new List<double>();
        var values = new List<double>();
        for (int i = 0; i < xs.Length; i++)
        {
            for (int j = 0; j < ys.Length; j++)
            {
                int k = i * ys.Length + j;
                if (mask[k] != 0)
                {
                    points.Add(xs[i]);
                    points.Add(ys[j]);
                    values.Add(reference.Primary.Values[k]);
                }
            }
        }
        _evalPoints = points.ToArray();
        _evalReference = values.ToArray();
        _gridPoints = PinnProblem.GridPoints(xs, ys);
    }

    /// <summary>Nodes of the reference grid in the closed domain (where the error is measured).</summary>
    public int EvaluationPoints => _evalReference.Length;

    public MlpSupervisionResult Run(SupervisionMethod method, IProgress<string>? progress = null, CancellationToken cancellation = default)
    {
        var s = _settings;
        var b = _domain.Bounds;
        var shape = new MlpShape(2, 1, s.Width, s.Depth, Activation.Tanh, [b.XMin, b.YMin], [b.XMax, b.YMax], DType: s.DType);
        using var mlp = new Mlp(shape, s.Seed);
        using var adam = new Adam(mlp.Parameters, s.LearningRate, s.DecayRate, 1000);
        Field field = x => mlp.Forward(x);
        var rng = Xoshiro256StarStar.ForStream(s.Seed, 11);
        WosTargetPool? pool = null;
        double[] targets = [];
        if (method == SupervisionMethod.Wos)
        {
            var wos = new WalkOnSpheres2D(_domain, _problem.Boundary, _problem.Source);
            var wosSettings = new WosSettings { Walks = s.WalksPerRefresh, Epsilon = s.RelativeEpsilon * b.Diameter, Seed = s.Seed, Threads = s.Threads };
            pool = new WosTargetPool(wos, WosTargetPool.RandomInterior(_domain, s.Pool, s.Seed), wosSettings);
        }
        double boundaryWeight = s.BoundaryWeight(method);
        var history = new List<(int, double, double)>();
        int report = Math.Max(1, s.Steps / 10);
        double loss = double.NaN;
        var clock = Stopwatch.StartNew();
        double evalSeconds = 0;
        for (int step = 0; step < s.Steps; step++)
        {
            cancellation.ThrowIfCancellationRequested();
            if (pool is not null && step % s.RefreshEvery == 0)
            {
                pool.Refresh(cancellation);
                targets = pool.Means();
            }
            using (var scope = NewDisposeScope())
            {
                Tensor interior = method == SupervisionMethod.Pinn ? PinnLoss(field, rng) : WosLoss(field, rng, pool!, targets);
                Tensor total = boundaryWeight == 0 ? interior : interior + boundaryWeight * BoundaryLoss(field, rng);
                Tensor g = autograd.grad([total], [mlp.Parameters])[0];
                adam.Update(g);
                loss = total.detach().to_type(ScalarType.Float64).item<double>();
            }
            if (!double.IsFinite(loss))
            {
                throw new InvalidOperationException($"{method} training diverged at step {step + 1} (loss {loss})");
            }
            if ((step + 1) % report == 0 || step + 1 == s.Steps)
            {
                var evalClock = Stopwatch.StartNew();
                double rel = RelativeL2(field);
                evalSeconds += evalClock.Elapsed.TotalSeconds;
                history.Add((step + 1, loss, rel));
                progress?.Report(FormattableString.Invariant($"{method} step {step + 1}/{s.Steps}: loss {loss:G4}, rel L2 {rel:G4}"));
            }
        }
        double seconds = clock.Elapsed.TotalSeconds - evalSeconds;
        double final = history[^1].Item3;
        double se = pool is null ? 0 : pool.StandardErrors().Average();
        return new MlpSupervisionResult(method, s.Steps, final, seconds, pool?.WalkSeconds ?? 0, loss, pool?.TotalWalks ?? 0, se, history)
        {
            GridPrediction = PinnProblem.Sample(field, _gridPoints, 2, 0, s.DType),
        };
    }

    private Tensor PinnLoss(Field field, Xoshiro256StarStar rng)
    {
        int n = _settings.Batch;
        var p = new double[2 * n];
        var f = new double[n];
        var bounds = _domain.Bounds;
        for (int k = 0; k < n;)
        {
            double x = bounds.XMin + bounds.Width * rng.NextDouble(), y = bounds.YMin + bounds.Height * rng.NextDouble();
            if (_domain.Contains(x, y))
            {
                p[2 * k] = x;
                p[2 * k + 1] = y;
                f[k] = _problem.Source(x, y);
                k++;
            }
        }
        Tensor xt = tensor(p, dtype: _settings.DType).reshape(n, 2).requires_grad_(true);
        Tensor ft = tensor(f, dtype: _settings.DType).reshape(n, 1);
        return PoissonPinn.Residual(field, xt, ft).square().mean();
    }

    private Tensor WosLoss(Field field, Xoshiro256StarStar rng, WosTargetPool pool, double[] targets)
    {
        int n = Math.Min(_settings.Batch, targets.Length);
        var p = new double[2 * n];
        var t = new double[n];
        for (int k = 0; k < n; k++)
        {
            int i = (int)(rng.NextDouble() * targets.Length);
            (p[2 * k], p[2 * k + 1]) = pool.Points[i];
            t[k] = targets[i];
        }
        Tensor xt = tensor(p, dtype: _settings.DType).reshape(n, 2);
        Tensor tt = tensor(t, dtype: _settings.DType).reshape(n, 1);
        return (field(xt) - tt).square().mean();
    }

    private Tensor BoundaryLoss(Field field, Xoshiro256StarStar rng)
    {
        int n = _settings.BoundaryBatch;
        var p = new double[2 * n];
        var g = new double[n];
        for (int k = 0; k < n; k++)
        {
            double theta = 2 * Math.PI * rng.NextDouble();
            double r = _domain.Radius(theta);
            double x = r * Math.Cos(theta) + _domain.CenterX, y = r * Math.Sin(theta) + _domain.CenterY;
            p[2 * k] = x;
            p[2 * k + 1] = y;
            g[k] = _problem.Boundary(x, y);
        }
        Tensor xt = tensor(p, dtype: _settings.DType).reshape(n, 2);
        Tensor gt = tensor(g, dtype: _settings.DType).reshape(n, 1);
        return (field(xt) - gt).square().mean();
    }

    /// <summary>Relative L2 error against the FD reference on its mask nodes.</summary>
    public double RelativeL2(Field field)
    {
        double[] u = PinnProblem.Sample(field, _evalPoints, 2, 0, _settings.DType);
        double num = 0, den = 0;
        for (int k = 0; k < u.Length; k++)
        {
            num += (u[k] - _evalReference[k]) * (u[k] - _evalReference[k]);
            den += _evalReference[k] * _evalReference[k];
        }
        return Math.Sqrt(num / den);
    }
}
