using NeuralPDE.Core.Families.PorousMedium;
using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;
using static TorchSharp.torch;

namespace NeuralPDE.Learning.Pinn.Families;

/// <summary>
/// The 1-D generalized porous medium equation u_t = (k(u) u_x)_x on [a, b] × [0, T] (ProbConserv's heat, PME and
/// Stefan cases), inputs (t, x). k comes from the law: constant (heat), |u|^m (PME) or the Stefan step H(u − u*), which
/// is smoothed for training to a logistic ramp of width <c>pinn.stefanSmoothing</c> (the residual check uses the exact
/// step). Boundary data from the exact solution are hard: u = g_a(t)(b−x)/L + g_b(t)(x−a)/L + [u0(x) − (g_a(0)(b−x) +
/// g_b(0)(x−a))/L] + t(x−a)(b−x)N when the initial data are compatible with the boundary data (heat, PME), otherwise
/// (Stefan: u(a, 0) = 1 but u0 = 0) the boundary data are hard and the initial data soft. That is the density
/// formulation; the defaults (<c>pinn.formulation = auto</c>) are the free-front pressure form for the PME and front
/// tracking for Stefan (<see cref="StefanFrontModel"/>). Evaluated on the reference grid against the exact solution,
/// with the mass ∫u dx compared with the exact mass over time (and, for front tracking, the front with the exact one).
/// </summary>
public sealed class PorousMediumPinn : PinnProblem
{
    private readonly Gpme1DParameters _p;
    private readonly IGpmeExactSolution1D _exact;
    private readonly double _smoothing;
    private readonly int _outputTimes;
    private readonly int _outputPoints;
    private readonly bool _compatible;
    private readonly bool _pressure;
    private readonly bool _front;
    private readonly StefanFrontModel? _stefanFront;

    public PorousMediumPinn(ProblemSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _p = Gpme1DParameters.FromSpec(spec);
        _exact = _p.Exact();
        _smoothing = spec.NumberOr("pinn.stefanSmoothing", 0.02, min: 0, exclusiveMin: true);
        _outputTimes = spec.IntegerOr("reference.outputTimes", 100, min: 2);
        _outputPoints = spec.IntegerOr("reference.resolution", 200, min: 2) + 1;
        _compatible = _p.Law != GpmeLaw.Stefan; // Stefan: u(a, 0) = 1 but u0 = 0
        string formulation = spec.TextOr("pinn.formulation", "auto", "auto", "density", "pressure", "pressure-front", "stefan-front");
        if (formulation == "auto")
        {
            // The free-front pressure form for the PME (its density has an infinite slope at the front), front tracking
            // for Stefan (its density jumps at the front), density for heat.
            formulation = _p.Law switch { GpmeLaw.Pme => "pressure-front", GpmeLaw.Stefan => "stefan-front", _ => "density" };
        }
        if (formulation.StartsWith("pressure", StringComparison.Ordinal) && _p.Law != GpmeLaw.Pme)
        {
            throw new SpecException($"{spec.Name}: pinn.formulation = {formulation} needs parameters.law = pme (got {_p.LawName})");
        }
        if (formulation == "stefan-front" && _p.Law != GpmeLaw.Stefan)
        {
            throw new SpecException($"{spec.Name}: pinn.formulation = stefan-front needs parameters.law = stefan (got {_p.LawName})");
        }
        Formulation = formulation;
        _pressure = formulation.StartsWith("pressure", StringComparison.Ordinal);
        _front = formulation == "pressure-front";
        _stefanFront = formulation == "stefan-front" ? new StefanFrontModel(_p.XMin, _p.UStar) : null;
        Name = spec.Name;
    }

    public override string Name { get; }

    public override string[] Inputs => ["t", "x"];

    public override string[] Outputs => ["u"];

    public override double[] Lower => [0, _p.XMin];

    public override double[] Upper => [_p.TEnd, _p.XMax];

    public override int TimeInput => 0;

    /// <summary>The formulation in use (<c>pinn.formulation</c> with <c>auto</c> resolved): density, pressure,
    /// pressure-front or stefan-front.</summary>
    public string Formulation { get; }

    /// <summary>Stefan front tracking: the network sees (t, η), η = (x − a)/(s(t) − a) in [0, 1].</summary>
    public override double[] FeatureLower => _stefanFront is null ? Lower : [0, 0];

    public override double[] FeatureUpper => _stefanFront is null ? Upper : [_p.TEnd, 1];

    public override int NetworkOutputs => _stefanFront is null ? 1 : StefanFrontModel.NetworkOutputs;

    public override Tensor Apply(Tensor x, Func<Tensor, Tensor> network) => _stefanFront is null ? base.Apply(x, network) : _stefanFront.Apply(x, network);

    public override string ConstraintDescription => _stefanFront is not null
        ? "front tracking: s(t) = a + sqrt(t) softplus(N_s(t, 0)), u = 1 - (1 - u*) eta + eta (1 - eta) N_u(t, eta) behind it (eta = (x - a)/(s - a)), 0 ahead: left data, u* at the front and the dry initial state hard; Stefan condition u* s' = -u_x(s-) and right data soft"
        : _front
        ? "hard left data, soft initial and right data; pressure form w = u^m = max(g_a(t) + (x - a) N, 0) (free front)"
        : (_compatible ? "hard boundary and initial data" : "hard boundary data, soft initial data") + (_pressure ? "; pressure form w = u^m" : "");

    /// <summary>True when the network models the pressure w = u^m (<c>pinn.formulation = pressure</c>, PME only): the
    /// travelling wave's w = m c (c t − x)_+ is piecewise linear where u has an infinite slope at the front. The
    /// residual is then w_t − w w_xx − w_x² / m (the PME multiplied by m w^(1 − 1/m)), and u = max(w, 0)^(1/m). With
    /// <c>pressure-front</c> the transform itself returns w = max(z, 0): ahead of the front w = 0 exactly, and the front
    /// is wherever z crosses zero, its speed set by the residual on the wet side (w_t = w_x² / m as w → 0⁺, Darcy's law).</summary>
    public bool PressureForm => _pressure;

    public Gpme1DParameters Parameters => _p;

    /// <summary>k(u) used in training (Stefan smoothed) as a torch function.</summary>
    public Func<Tensor, Tensor> TrainingDiffusivity => _p.Law switch
    {
        GpmeLaw.Heat => u => full_like(u, _p.K),
        GpmeLaw.Pme => u => u.abs().pow(_p.M),
        _ => u => ((u - _p.UStar) / _smoothing).sigmoid(),
    };

    /// <summary>The exact k(u) as a torch function (the Stefan step is exact here).</summary>
    public Func<Tensor, Tensor> ExactDiffusivity => _p.Law switch
    {
        GpmeLaw.Stefan => u => (u >= _p.UStar).to_type(u.dtype),
        _ => TrainingDiffusivity,
    };

    /// <summary>r = u_t − (k(u) u_x)_x, [N, 1], inputs (t, x).</summary>
    public static Tensor Residual(Field field, Tensor x, Func<Tensor, Tensor> k)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(k);
        Tensor u = field(x).narrow(1, 0, 1);
        Tensor g = Autodiff.Gradient(u, x);
        Tensor flux = k(u) * Autodiff.Column(g, 1);
        return Autodiff.Column(g, 0) - Autodiff.Column(Autodiff.Gradient(flux, x), 1);
    }

    public override Tensor Residual(Field field, Tensor x) => _stefanFront is not null
        ? _stefanFront.Residual(field, x, _p.XMax)
        : _pressure ? PressureResidual(field, x, _p.M) : Residual(field, x, TrainingDiffusivity);

    /// <summary>r = w_t − w w_xx − w_x² / m for the pressure w = u^m of the PME u_t = (u^m u_x)_x, [N, 1], inputs (t, x).</summary>
    public static Tensor PressureResidual(Field field, Tensor x, double m)
    {
        ArgumentNullException.ThrowIfNull(field);
        Tensor w = field(x).narrow(1, 0, 1);
        Tensor g = Autodiff.Gradient(w, x);
        Tensor wx = Autodiff.Column(g, 1);
        Tensor wxx = Autodiff.Column(Autodiff.Gradient(wx, x), 1);
        return Autodiff.Column(g, 0) - w * wxx - wx.square() / m;
    }

    /// <summary>u from the network's output column: itself, or max(w, 0)^(1/m) in the pressure form.</summary>
    private double[] ToDensity(double[] values)
    {
        if (!_pressure)
        {
            return values;
        }
        return values.Select(w => Math.Pow(Math.Max(w, 0), 1 / _p.M)).ToArray();
    }

    public override IReadOnlyDictionary<string, double[]> Predict(Field field, IReadOnlyList<GridAxis> axes, ScalarType dtype)
    {
        var values = base.Predict(field, axes, dtype);
        return new Dictionary<string, double[]>(StringComparer.Ordinal) { ["u"] = ToDensity(values["u"]) };
    }

    /// <summary>The exact solution as a torch function of (t, x) columns (PME clamped at 1e-30 ahead of the front so that
    /// its derivatives stay finite; Stefan for t &gt; 0).</summary>
    public Tensor ExactTorch(Tensor t, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(x);
        switch (_exact)
        {
            case HeatSineSolution h:
                return (-h.K * h.Wavenumber * h.Wavenumber * t).exp() * (h.Wavenumber * (x - h.XMin)).sin();
            case PmeTravellingWave w:
                return (w.M * w.C * (w.C * t - (x - w.XMin))).clamp_min(1e-30).pow(1 / w.M);
            case StefanSolution s:
                {
                    Tensor root = t.clamp_min(1e-30).sqrt();
                    Tensor d = x - s.XMin;
                    Tensor behind = 1 - s.Amplitude * (d / (2 * root)).erf();
                    return where(d <= 2 * s.Z * root, behind, zeros_like(behind));
                }
            default:
                throw new InvalidOperationException("unknown GPME exact solution");
        }
    }

    public override Tensor Transform(Tensor x, Tensor network)
    {
        Tensor t = x.narrow(1, 0, 1), s = x.narrow(1, 1, 1);
        double a = _p.XMin, b = _p.XMax, length = b - a;
        Tensor ta = full_like(s, a), tb = full_like(s, b);
        Tensor left = (b - s) / length, right = (s - a) / length;
        Func<Tensor, Tensor, Tensor> data = _pressure ? (tt, xx) => ExactTorch(tt, xx).pow(_p.M) : ExactTorch;
        if (_front)
        {
            // w = max(z, 0) with z = g_a(t) + (x − a) N: the left data exactly; the travelling wave's z = m c (c t − x)
            // is then N = −m c, with no 1/t singularity (a factor t on N would force N ~ −1/t near the corner (0, a)).
            // The dry initial state and the right data hold softly on w (see Constraints).
            return (data(t, ta) + (s - a) * network).clamp_min(0);
        }
        Tensor boundary = data(t, ta) * left + data(t, tb) * right;
        if (!_compatible)
        {
            return boundary + (s - a) * (b - s) * network;
        }
        Tensor zero = zeros_like(t);
        Tensor initial = data(zero, s) - (data(zero, ta) * left + data(zero, tb) * right);
        return boundary + initial + t * (s - a) * (b - s) * network;
    }

    public override IReadOnlyList<Constraint> Constraints(int seed, ScalarType dtype)
    {
        if (_front)
        {
            return FrontConstraints(dtype);
        }
        if (_stefanFront is not null)
        {
            // 256 evenly spaced times for the Stefan condition and the right data
            double[] times = Enumerable.Range(0, 256).Select(i => _p.TEnd * (i + 0.5) / 256).ToArray();
            double[] right = times.Select(t => _exact.Value(_p.XMax, t)).ToArray();
            return [_stefanFront.StefanCondition(times, dtype), StefanFrontModel.RightData(_p.XMax, times, right, dtype)];
        }
        if (_compatible)
        {
            return [];
        }
        const int n = 256;
        var points = new double[2 * n];
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            double x = _p.XMin + (_p.XMax - _p.XMin) * (i + 0.5) / n;
            points[2 * i + 1] = x;
            values[i] = _exact.Value(x, 0);
        }
        Tensor target = tensor(values, dtype: dtype).reshape(n, 1);
        return [new Constraint("initial", tensor(points, dtype: dtype).reshape(n, 2), (f, x) => f(x).narrow(1, 0, 1) - target)];
    }

    /// <summary>The soft data of the free-front pressure form: w(0, x) = w0(x) on (a, b] and w(t, b) = g_b(t), each on
    /// 256 evenly spaced points.</summary>
    private List<Constraint> FrontConstraints(ScalarType dtype)
    {
        const int n = 256;
        var initial = new double[2 * n];
        var initialValues = new double[n];
        var right = new double[2 * n];
        var rightValues = new double[n];
        for (int i = 0; i < n; i++)
        {
            double x = _p.XMin + (_p.XMax - _p.XMin) * (i + 1.0) / n;
            initial[2 * i + 1] = x;
            initialValues[i] = Math.Pow(_exact.Value(x, 0), _p.M);
            double t = _p.TEnd * (i + 0.5) / n;
            right[2 * i] = t;
            right[2 * i + 1] = _p.XMax;
            rightValues[i] = Math.Pow(_exact.Value(_p.XMax, t), _p.M);
        }
        Tensor w0 = tensor(initialValues, dtype: dtype).reshape(n, 1);
        Tensor wb = tensor(rightValues, dtype: dtype).reshape(n, 1);
        return
        [
            new Constraint("initial", tensor(initial, dtype: dtype).reshape(n, 2), (f, x) => f(x).narrow(1, 0, 1) - w0),
            new Constraint("right", tensor(right, dtype: dtype).reshape(n, 2), (f, x) => f(x).narrow(1, 0, 1) - wb),
        ];
    }

    public override PinnEvaluation Evaluate(Field field, ScalarType dtype)
    {
        GridAxis t = GridAxis.Uniform("t", 0, _p.TEnd, _outputTimes);
        GridAxis x = GridAxis.Uniform("x", _p.XMin, _p.XMax, _outputPoints);
        double[] u = ToDensity(Sample(field, GridPoints(t.Values, x.Values), 2, 0, dtype));
        var exact = new double[u.Length];
        for (int i = 0; i < t.Length; i++)
        {
            for (int j = 0; j < x.Length; j++)
            {
                exact[i * x.Length + j] = _exact.Value(x.Values[j], t.Values[i]);
            }
        }
        var s = new ReferenceSolution(Name, "pinn", [t, x], "u").AddField("u", u).AddExact("u", exact);
        double rel = s.RelativeL2() ?? double.NaN;
        // mass ∫u dx over time on a fine grid (trapezoid), PINN against exact
        GridAxis fine = GridAxis.Uniform("x", _p.XMin, _p.XMax, 2001);
        double[] uf = ToDensity(Sample(field, GridPoints(t.Values, fine.Values), 2, 0, dtype));
        double h = (fine.Values[^1] - fine.Values[0]) / (fine.Length - 1);
        double maxExact = 0, maxError = 0;
        for (int i = 0; i < t.Length; i++)
        {
            double mp = 0, me = 0;
            for (int j = 0; j < fine.Length; j++)
            {
                double w = j == 0 || j == fine.Length - 1 ? 0.5 * h : h;
                mp += w * uf[i * fine.Length + j];
                me += w * _exact.Value(fine.Values[j], t.Values[i]);
            }
            maxExact = Math.Max(maxExact, Math.Abs(me));
            maxError = Math.Max(maxError, Math.Abs(mp - me));
        }
        var metrics = new Dictionary<string, double>
        {
            ["relL2"] = rel,
            ["maxAbsError"] = s.MaxAbsError() ?? double.NaN,
            ["massErrorMax"] = maxError,
            ["massErrorRelative"] = maxExact > 0 ? maxError / maxExact : double.NaN,
        };
        string front = "";
        if (_stefanFront is not null && _exact is StefanSolution stefan)
        {
            double[] fronts = Sample(field, GridPoints(t.Values, [_p.XMin]), 2, 1, dtype);
            metrics["frontErrorMax"] = t.Values.Select((time, i) => Math.Abs(fronts[i] - stefan.Front(time))).Max();
            front = "; front: max over t of |s(t) − a − 2z√t|";
        }
        return new PinnEvaluation(s, rel, metrics,
            $"exact {_p.LawName} solution on the {x.Length} x {t.Length} grid (mass: max over t of |∫u dx − exact|, 2001-point trapezoid{front})");
    }
}
