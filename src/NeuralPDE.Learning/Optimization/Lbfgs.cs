using NeuralPDE.Numerics.Torch;
using static TorchSharp.torch;

namespace NeuralPDE.Learning.Optimization;

/// <summary>
/// Limited-memory BFGS (Nocedal &amp; Wright, Numerical Optimization, 2nd ed., Alg. 7.4–7.5) on one flat parameter
/// vector with a strong-Wolfe line search (Alg. 3.5–3.6, cubic interpolation in the zoom phase):
/// f(θ + αd) ≤ f(θ) + c1 α ∇f·d and |∇f(θ + αd)·d| ≤ c2 |∇f·d|, c1 = 1e-4, c2 = 0.9.
/// Pairs (s, y) with y·s ≤ 1e-10 are skipped (curvature condition). When a line search fails the history is cleared and
/// one steepest-descent step is tried before declaring convergence, so the optimiser does not stop at the first
/// awkward step. All state is plain data (<see cref="Export"/>/<see cref="Import"/>) for exact checkpoints.
/// </summary>
public sealed class Lbfgs : IDisposable
{
    private readonly List<Tensor> _s = [];
    private readonly List<Tensor> _y = [];
    private Tensor? _gradient;
    private bool _retriedAfterFailure;

    public Lbfgs(Tensor parameters, LossFunction loss, int history = 50, int maxLineSearch = 25, double gradientTolerance = 1e-12, double changeTolerance = 1e-15)
    {
        Parameters = parameters;
        Loss = loss;
        History = history;
        MaxLineSearch = maxLineSearch;
        GradientTolerance = gradientTolerance;
        ChangeTolerance = changeTolerance;
    }

    public Tensor Parameters { get; }

    public LossFunction Loss { get; }

    public int History { get; }

    public int MaxLineSearch { get; }

    public double GradientTolerance { get; }

    public double ChangeTolerance { get; }

    /// <summary>Loss at the current parameters (NaN before the first iteration).</summary>
    public double CurrentLoss { get; private set; } = double.NaN;

    /// <summary>Scaling γ = s·y / y·y of the initial inverse Hessian H0 = γ I.</summary>
    public double HDiag { get; private set; } = 1;

    public long Iterations { get; private set; }

    public long Evaluations { get; private set; }

    /// <summary>True once the gradient or the progress fell below tolerance (further calls do nothing).</summary>
    public bool Converged { get; private set; }

    /// <summary>One L-BFGS iteration (direction, strong-Wolfe line search, history update). Returns the new loss.</summary>
    public double Iterate()
    {
        if (Converged)
        {
            return CurrentLoss;
        }
        using var scope = NewDisposeScope();
        if (_gradient is null)
        {
            (CurrentLoss, Tensor g) = Evaluate();
            _gradient = g.DetachFromDisposeScope();
        }
        using var noGrad = no_grad();
        if (MaxAbs(_gradient) <= GradientTolerance)
        {
            Converged = true;
            return CurrentLoss;
        }
        Tensor direction = Direction(_gradient);
        double gtd = Dot(_gradient, direction);
        if (!(gtd < -ChangeTolerance))
        {
            // not a descent direction (rounding in the history): restart from steepest descent
            ClearHistory();
            direction.Dispose();
            direction = _gradient.neg();
            gtd = Dot(_gradient, direction);
        }
        // without curvature information the first trial step has length at most 1 in the l1 norm
        double t = _s.Count == 0 ? Math.Min(1.0, 1.0 / _gradient.abs().sum().item<double>()) : 1.0;
        Tensor start = Parameters.detach().clone();
        var (alpha, loss, gradient) = StrongWolfe(start, direction, CurrentLoss, _gradient, gtd, t);
        Iterations++;
        if (gradient is null || !(loss <= CurrentLoss))
        {
            // line search failed: back to the start point
            Parameters.copy_(start);
            gradient?.Dispose();
            start.Dispose();
            direction.Dispose();
            if (!_retriedAfterFailure && _s.Count > 0)
            {
                _retriedAfterFailure = true;
                ClearHistory();
                return CurrentLoss;
            }
            Converged = true;
            return CurrentLoss;
        }
        _retriedAfterFailure = false;
        Tensor s = direction.mul(alpha);
        Tensor y = gradient - _gradient;
        double ys = Dot(y, s);
        if (ys > 1e-10)
        {
            if (_s.Count == History)
            {
                _s[0].Dispose();
                _y[0].Dispose();
                _s.RemoveAt(0);
                _y.RemoveAt(0);
            }
            _s.Add(s.DetachFromDisposeScope());
            _y.Add(y.DetachFromDisposeScope());
            HDiag = ys / Dot(y, y);
        }
        else
        {
            s.Dispose();
            y.Dispose();
        }
        double change = Math.Abs(loss - CurrentLoss);
        double stepSize = Math.Abs(alpha) * MaxAbs(direction);
        _gradient.Dispose();
        _gradient = gradient.DetachFromDisposeScope();
        CurrentLoss = loss;
        start.Dispose();
        direction.Dispose();
        if (stepSize <= ChangeTolerance || change <= ChangeTolerance * Math.Max(1, Math.Abs(loss)))
        {
            Converged = true;
        }
        return CurrentLoss;
    }

    /// <summary>−H g by the two-loop recursion.</summary>
    private Tensor Direction(Tensor g)
    {
        Tensor q = g.neg();
        int k = _s.Count;
        var alphas = new double[k];
        var rhos = new double[k];
        for (int i = k - 1; i >= 0; i--)
        {
            rhos[i] = 1.0 / Dot(_y[i], _s[i]);
            alphas[i] = rhos[i] * Dot(_s[i], q);
            using var alpha = new HeldScalars(-alphas[i]);
            q.add_(_y[i], alpha: alpha[0]);
        }
        using (var h = new HeldScalars(HDiag))
        {
            q.mul_(h[0]);
        }
        for (int i = 0; i < k; i++)
        {
            double beta = rhos[i] * Dot(_y[i], q);
            using var alpha = new HeldScalars(alphas[i] - beta);
            q.add_(_s[i], alpha: alpha[0]);
        }
        return q;
    }

    private (double Alpha, double Loss, Tensor? Gradient) StrongWolfe(Tensor start, Tensor d, double f0, Tensor g0, double gtd0, double t)
    {
        const double c1 = 1e-4, c2 = 0.9;
        double dMax = MaxAbs(d);
        double prevAlpha = 0, prevF = f0, prevGtd = gtd0;
        Tensor? prevG = null;
        double alpha = t;
        int evaluations = 0;
        double loAlpha, loF, loGtd, hiAlpha, hiF, hiGtd;
        Tensor? loG, hiG;
        while (true)
        {
            var (f, g) = EvaluateAt(start, d, alpha);
            evaluations++;
            double gtd = Dot(g, d);
            if (!double.IsFinite(f))
            {
                // step too long into a non-finite region: shrink
                g.Dispose();
                if (evaluations >= MaxLineSearch)
                {
                    prevG?.Dispose();
                    return (0, f0, null);
                }
                alpha = prevAlpha + 0.1 * (alpha - prevAlpha);
                continue;
            }
            if (f > f0 + c1 * alpha * gtd0 || (evaluations > 1 && f >= prevF))
            {
                (loAlpha, loF, loGtd, loG) = (prevAlpha, prevF, prevGtd, prevG);
                (hiAlpha, hiF, hiGtd, hiG) = (alpha, f, gtd, g);
                break;
            }
            if (Math.Abs(gtd) <= -c2 * gtd0)
            {
                prevG?.Dispose();
                return (alpha, f, g);
            }
            if (gtd >= 0)
            {
                (loAlpha, loF, loGtd, loG) = (alpha, f, gtd, g);
                (hiAlpha, hiF, hiGtd, hiG) = (prevAlpha, prevF, prevGtd, prevG);
                break;
            }
            if (evaluations >= MaxLineSearch)
            {
                prevG?.Dispose();
                return (alpha, f, g);
            }
            double minStep = alpha + 0.01 * (alpha - prevAlpha);
            double maxStep = alpha * 10;
            double next = CubicMinimum(prevAlpha, prevF, prevGtd, alpha, f, gtd, minStep, maxStep);
            prevG?.Dispose();
            (prevAlpha, prevF, prevGtd, prevG) = (alpha, f, gtd, g);
            alpha = next;
        }
        // zoom: lo satisfies the sufficient-decrease condition, the minimiser lies between lo and hi
        while (true)
        {
            if (evaluations >= MaxLineSearch || Math.Abs(hiAlpha - loAlpha) * dMax < ChangeTolerance)
            {
                hiG?.Dispose();
                if (loG is null)
                {
                    return (0, f0, null);
                }
                Parameters.copy_(start + loAlpha * d);
                return (loAlpha, loF, loG);
            }
            double a = Math.Min(loAlpha, hiAlpha), b = Math.Max(loAlpha, hiAlpha);
            double alphaJ = CubicMinimum(loAlpha, loF, loGtd, hiAlpha, hiF, hiGtd, a, b);
            double width = b - a;
            if (alphaJ < a + 0.1 * width || alphaJ > b - 0.1 * width)
            {
                alphaJ = 0.5 * (a + b);
            }
            var (f, g) = EvaluateAt(start, d, alphaJ);
            evaluations++;
            double gtd = Dot(g, d);
            if (!double.IsFinite(f) || f > f0 + c1 * alphaJ * gtd0 || f >= loF)
            {
                hiG?.Dispose();
                (hiAlpha, hiF, hiGtd, hiG) = (alphaJ, f, gtd, g);
                continue;
            }
            if (Math.Abs(gtd) <= -c2 * gtd0)
            {
                hiG?.Dispose();
                loG?.Dispose();
                return (alphaJ, f, g);
            }
            if (gtd * (hiAlpha - loAlpha) >= 0)
            {
                hiG?.Dispose();
                (hiAlpha, hiF, hiGtd, hiG) = (loAlpha, loF, loGtd, loG);
            }
            else
            {
                loG?.Dispose();
            }
            (loAlpha, loF, loGtd, loG) = (alphaJ, f, gtd, g);
        }
    }

    /// <summary>Minimiser of the cubic interpolating f and f' at two points, clamped to [lo, hi] (bisection if none).</summary>
    public static double CubicMinimum(double x1, double f1, double g1, double x2, double f2, double g2, double lo, double hi)
    {
        if (x1 == x2)
        {
            return 0.5 * (lo + hi);
        }
        double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
        double d2sq = d1 * d1 - g1 * g2;
        if (d2sq >= 0 && double.IsFinite(d2sq))
        {
            double d2 = Math.Sqrt(d2sq);
            double denom = x1 <= x2 ? g2 - g1 + 2 * d2 : g1 - g2 + 2 * d2;
            double position = x1 <= x2
                ? x2 - (x2 - x1) * ((g2 + d2 - d1) / denom)
                : x1 - (x1 - x2) * ((g1 + d2 - d1) / denom);
            if (double.IsFinite(position))
            {
                return Math.Min(Math.Max(position, lo), hi);
            }
        }
        return 0.5 * (lo + hi);
    }

    private (double F, Tensor G) EvaluateAt(Tensor start, Tensor d, double alpha)
    {
        using (var scope = NewDisposeScope())
        {
            Parameters.copy_(start + alpha * d);
        }
        return Evaluate();
    }

    private (double F, Tensor G) Evaluate()
    {
        Evaluations++;
        using var enable = enable_grad();
        return Loss();
    }

    private static double Dot(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return (a * b).sum().item<double>();
    }

    private static double MaxAbs(Tensor a)
    {
        using var scope = NewDisposeScope();
        return a.abs().max().item<double>();
    }

    private void ClearHistory()
    {
        foreach (Tensor t in _s.Concat(_y))
        {
            t.Dispose();
        }
        _s.Clear();
        _y.Clear();
        HDiag = 1;
    }

    /// <summary>Complete state as plain data.</summary>
    public LbfgsState Export() => new(
        _s.Select(ToArray).ToList(),
        _y.Select(ToArray).ToList(),
        HDiag,
        CurrentLoss,
        _gradient is null ? null : ToArray(_gradient),
        Iterations,
        Evaluations,
        Converged,
        _retriedAfterFailure);

    /// <summary>Restores a state from <see cref="Export"/>.</summary>
    public void Import(LbfgsState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        ClearHistory();
        ScalarType dtype = Parameters.dtype;
        foreach (double[] s in state.S)
        {
            _s.Add(NeuralPDE.Learning.Pinn.TensorData.FromArray(s, dtype));
        }
        foreach (double[] y in state.Y)
        {
            _y.Add(NeuralPDE.Learning.Pinn.TensorData.FromArray(y, dtype));
        }
        HDiag = state.HDiag;
        CurrentLoss = state.Loss;
        _gradient?.Dispose();
        _gradient = state.Gradient is null ? null : NeuralPDE.Learning.Pinn.TensorData.FromArray(state.Gradient, dtype);
        Iterations = state.Iterations;
        Evaluations = state.Evaluations;
        Converged = state.Converged;
        _retriedAfterFailure = state.RetriedAfterFailure;
    }

    private static double[] ToArray(Tensor t) => t.detach().to_type(ScalarType.Float64).data<double>().ToArray();

    public void Dispose()
    {
        ClearHistory();
        _gradient?.Dispose();
    }
}

/// <summary>Plain-data state of <see cref="Lbfgs"/>.</summary>
public sealed record LbfgsState(
    IReadOnlyList<double[]> S,
    IReadOnlyList<double[]> Y,
    double HDiag,
    double Loss,
    double[]? Gradient,
    long Iterations,
    long Evaluations,
    bool Converged,
    bool RetriedAfterFailure);
