using NeuralPDE.Core.Families.Poisson;
using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Solvers;
using static TorchSharp.torch;

namespace NeuralPDE.Learning.Pinn.Families;

/// <summary>
/// Poisson −Δu = f in 2-D, inputs (x, y), output u, with hard Dirichlet data:
/// <list type="bullet">
/// <item><c>manufactured-square</c>: u = C[g](x, y) + x(1−x) y(1−y) N, where C[g] is the Coons (transfinite)
/// interpolant of the boundary data g, which equals g on all four edges; compared with the exact solution.</item>
/// <item><c>lshape</c>: u = (1−x²)(1−y²)(r − x − y) N with r = |(x, y)|: the R-function r − x − y vanishes exactly on the
/// two re-entrant edges and is positive elsewhere in the L, so u = 0 on the whole boundary; compared with the
/// finite-difference reference on the mask.</item>
/// </list>
/// </summary>
public sealed class PoissonPinn : PinnProblem
{
    private readonly ProblemSpec _spec;
    private readonly ManufacturedSquareProblem? _square;
    private readonly LShapeProblem? _lshape;

    public PoissonPinn(ProblemSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
        if (spec.Variant == "lshape")
        {
            _lshape = LShapeProblem.FromSpec(spec);
        }
        else
        {
            _square = ManufacturedSquareProblem.FromSpec(spec);
        }
        Name = spec.Name;
    }

    public override string Name { get; }

    public override string[] Inputs => ["x", "y"];

    public override string[] Outputs => ["u"];

    public override double[] Lower => _lshape is null ? [0, 0] : [-1, -1];

    public override double[] Upper => [1, 1];

    public override Func<double[], bool>? Inside => _lshape is null ? null : p => p[0] <= 0 || p[1] <= 0;

    public override string ConstraintDescription => _lshape is null
        ? "hard: u = Coons[g] + x(1-x)y(1-y) N"
        : "hard: u = (1-x^2)(1-y^2)(r - x - y) N";

    /// <summary>The manufactured exact solution as a torch function of (x, y) columns.</summary>
    public static Tensor ManufacturedExact(ManufacturedSquareProblem p, Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(p);
        return (p.Beta * x).exp() * (p.Kx * Math.PI * x).sin() * (p.Ky * Math.PI * y).sin() + p.Gamma * x.exp() * y.cos();
    }

    /// <summary>f = −Δu of the manufactured solution.</summary>
    public static Tensor ManufacturedSource(ManufacturedSquareProblem p, Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(p);
        double ax = p.Kx * Math.PI, ay = p.Ky * Math.PI;
        return -(p.Beta * x).exp() * (ay * y).sin() * ((p.Beta * p.Beta - ax * ax - ay * ay) * (ax * x).sin() + 2 * p.Beta * ax * (ax * x).cos());
    }

    public override Tensor Transform(Tensor x, Tensor network)
    {
        Tensor a = x.narrow(1, 0, 1), b = x.narrow(1, 1, 1);
        if (_lshape is not null)
        {
            Tensor r = (a.square() + b.square() + 1e-24).sqrt();
            return (1 - a.square()) * (1 - b.square()) * (r - a - b) * network;
        }
        var p = _square!;
        Tensor zero = zeros_like(a), one = ones_like(a);
        Tensor g(Tensor u, Tensor v) => ManufacturedExact(p, u, v);
        Tensor coons = (1 - a) * g(zero, b) + a * g(one, b) + (1 - b) * g(a, zero) + b * g(a, one)
            - ((1 - a) * (1 - b) * g(zero, zero) + a * (1 - b) * g(one, zero) + (1 - a) * b * g(zero, one) + a * b * g(one, one));
        return coons + a * (1 - a) * b * (1 - b) * network;
    }

    public override Tensor Residual(Field field, Tensor x)
    {
        Tensor a = x.narrow(1, 0, 1), b = x.narrow(1, 1, 1);
        Tensor f = _lshape is not null ? full_like(a, _lshape.F) : ManufacturedSource(_square!, a.detach(), b.detach());
        return Residual(field, x, f);
    }

    /// <summary>r = −(u_xx + u_yy) − f, [N, 1].</summary>
    public static Tensor Residual(Field field, Tensor x, Tensor f)
    {
        ArgumentNullException.ThrowIfNull(field);
        Tensor u = field(x).narrow(1, 0, 1);
        Tensor g = Autodiff.Gradient(u, x);
        Tensor uxx = Autodiff.Column(Autodiff.Gradient(Autodiff.Column(g, 0), x), 0);
        Tensor uyy = Autodiff.Column(Autodiff.Gradient(Autodiff.Column(g, 1), x), 1);
        return -(uxx + uyy) - f;
    }

    public override PinnEvaluation Evaluate(Field field, ScalarType dtype)
    {
        if (_lshape is not null)
        {
            ReferenceSolution fd = ReferenceSolvers.For(_spec).Solve(_spec, SolveOptions.Default);
            double[] xs = fd.Axes[0].Values, ys = fd.Axes[1].Values;
            double[] u = Sample(field, GridPoints(xs, ys), 2, 0, dtype);
            var s = new ReferenceSolution(Name, "pinn", fd.Axes, "u").AddField("u", u).AddExact("u", fd.Fields["u"].Values);
            s.Mask = fd.Mask;
            double rel = s.RelativeL2() ?? double.NaN;
            return new PinnEvaluation(s, rel, new Dictionary<string, double> { ["relL2"] = rel, ["maxAbsError"] = s.MaxAbsError() ?? double.NaN },
                $"finite-difference reference ({fd.Solver}) on its {xs.Length} x {ys.Length} grid, inside the L");
        }
        int n = _spec.IntegerOr("reference.resolution", 65, min: 2);
        GridAxis gx = GridAxis.Uniform("x", 0, 1, n), gy = GridAxis.Uniform("y", 0, 1, n);
        double[] values = Sample(field, GridPoints(gx.Values, gy.Values), 2, 0, dtype);
        double[] exact = new double[values.Length];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                exact[i * n + j] = _square!.Exact(gx.Values[i], gy.Values[j]);
            }
        }
        var sol = new ReferenceSolution(Name, "pinn", [gx, gy], "u").AddField("u", values).AddExact("u", exact);
        double r2 = sol.RelativeL2() ?? double.NaN;
        return new PinnEvaluation(sol, r2, new Dictionary<string, double> { ["relL2"] = r2, ["maxAbsError"] = sol.MaxAbsError() ?? double.NaN },
            $"exact manufactured solution on the {n} x {n} grid");
    }
}
