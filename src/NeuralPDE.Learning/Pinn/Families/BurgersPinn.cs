using NeuralPDE.Core.Families.Burgers;
using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;
using static TorchSharp.torch;

namespace NeuralPDE.Learning.Pinn.Families;

/// <summary>
/// Viscous Burgers u_t + u u_x − ν u_xx = 0 on [−1, 1] × [0, T] with u(x, 0) = −sin(πx), u(±1, t) = 0 (Raissi et al.
/// 2019). Inputs (t, x). Hard constraints (default): u = −sin(πx) + t (1 − x²) N(t, x), which satisfies the initial
/// and both boundary conditions exactly, so the loss is the PDE residual alone; soft: mean squares of u − u0 at
/// t = 0 and of u at x = ±1. Evaluated against the Cole–Hopf solution on the 256 × 100 grid of burgers_shock.mat.
/// </summary>
public sealed class BurgersPinn : PinnProblem
{
    private readonly BurgersParameters _p;
    private readonly bool _hard;
    private readonly int _outputPoints;
    private readonly int _outputTimes;

    public BurgersPinn(ProblemSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _p = BurgersParameters.FromSpec(spec);
        _hard = spec.FlagOr("pinn.hardConstraints", true);
        _outputPoints = spec.IntegerOr("reference.outputPoints", 256, min: 2);
        _outputTimes = spec.IntegerOr("reference.outputTimes", 100, min: 2);
        Name = spec.Name;
    }

    public override string Name { get; }

    public override string[] Inputs => ["t", "x"];

    public override string[] Outputs => ["u"];

    public override double[] Lower => [0, _p.XMin];

    public override double[] Upper => [_p.TEnd, _p.XMax];

    public override int TimeInput => 0;

    public override string ConstraintDescription => _hard ? "hard: u = -sin(pi x) + t (1 - x^2) N" : "soft initial and boundary data";

    public double Nu => _p.Nu;

    public override Tensor Transform(Tensor x, Tensor network)
    {
        if (!_hard)
        {
            return network;
        }
        Tensor t = x.narrow(1, 0, 1), s = x.narrow(1, 1, 1);
        return -(Math.PI * s).sin() + t * (1 - s.square()) * network;
    }

    public override Tensor Residual(Field field, Tensor x) => Residual(field, x, _p.Nu);

    /// <summary>r = u_t + u u_x − ν u_xx for inputs x = (t, x), [N, 1].</summary>
    public static Tensor Residual(Field field, Tensor x, double nu)
    {
        ArgumentNullException.ThrowIfNull(field);
        Tensor u = field(x).narrow(1, 0, 1);
        Tensor g = Autodiff.Gradient(u, x);
        Tensor ut = Autodiff.Column(g, 0), ux = Autodiff.Column(g, 1);
        Tensor uxx = Autodiff.Column(Autodiff.Gradient(ux, x), 1);
        return ut + u * ux - nu * uxx;
    }

    public override IReadOnlyList<Constraint> Constraints(int seed, ScalarType dtype)
    {
        if (_hard)
        {
            return [];
        }
        var rng = new Random(unchecked(seed + 31337));
        const int n = 200;
        var initial = new double[n * 2];
        var boundary = new double[n * 2];
        for (int i = 0; i < n; i++)
        {
            initial[2 * i] = 0;
            initial[2 * i + 1] = _p.XMin + (_p.XMax - _p.XMin) * rng.NextDouble();
            boundary[2 * i] = _p.TEnd * rng.NextDouble();
            boundary[2 * i + 1] = i % 2 == 0 ? _p.XMin : _p.XMax;
        }
        return
        [
            new Constraint("initial", tensor(initial, dtype: dtype).reshape(n, 2), (f, x) => f(x).narrow(1, 0, 1) + (Math.PI * x.narrow(1, 1, 1)).sin()),
            new Constraint("boundary", tensor(boundary, dtype: dtype).reshape(n, 2), (f, x) => f(x).narrow(1, 0, 1)),
        ];
    }

    public override PinnEvaluation Evaluate(Field field, ScalarType dtype)
    {
        GridAxis t = GridAxis.Uniform("t", 0, _p.TEnd, _outputTimes);
        GridAxis x = GridAxis.Uniform("x", _p.XMin, _p.XMax, _outputPoints);
        double[] u = Sample(field, GridPoints(t.Values, x.Values), 2, 0, dtype);
        double[] exact = new ColeHopfSolution(_p.Nu).EvaluateGrid(t.Values, x.Values);
        var solution = new ReferenceSolution(Name, "pinn", [t, x], "u").AddField("u", u).AddExact("u", exact);
        double rel = solution.RelativeL2() ?? double.NaN;
        var metrics = new Dictionary<string, double>
        {
            ["relL2"] = rel,
            ["maxAbsError"] = solution.MaxAbsError() ?? double.NaN,
        };
        return new PinnEvaluation(solution, rel, metrics, $"Cole-Hopf exact solution on the {_outputPoints} x {_outputTimes} grid of burgers_shock.mat");
    }
}
