using NeuralPDE.Core.Families.NavierStokes;
using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;
using static TorchSharp.torch;

namespace NeuralPDE.Learning.Pinn.Families;

/// <summary>
/// Steady incompressible Navier–Stokes u·∇u + ∇p = ν Δu, inputs (x, y), outputs (ψ, p) with u = ψ_y, v = −ψ_x, so
/// continuity ∇·u = 0 holds exactly. Residual: the two momentum equations. Velocity boundary data are imposed softly
/// (weights fixed or grad-norm balanced): Kovasznay's exact velocity on the rectangle, or the lid-driven cavity
/// (u = lid speed on y = 1, no slip elsewhere). Kovasznay is compared with the exact u, v; the cavity with the
/// stream function–vorticity reference and Ghia et al.'s vertical-centreline u.
/// </summary>
public sealed class NavierStokesPinn : PinnProblem
{
    private readonly ProblemSpec _spec;
    private readonly KovasznaySolution? _kovasznay;
    private readonly double _nu;
    private readonly double _lid;
    private readonly double[] _lower;
    private readonly double[] _upper;
    private readonly int _boundaryPoints;

    public NavierStokesPinn(ProblemSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
        Name = spec.Name;
        double re = spec.Number("parameters.re", min: 0, exclusiveMin: true);
        _nu = 1 / re;
        _boundaryPoints = spec.IntegerOr("pinn.collocation.boundaryPoints", 400, min: 4);
        if (spec.Variant == "kovasznay")
        {
            _kovasznay = new KovasznaySolution(re);
            _lower = [spec.Number("parameters.xMin"), spec.Number("parameters.yMin")];
            _upper = [spec.Number("parameters.xMax"), spec.Number("parameters.yMax")];
        }
        else
        {
            _lid = spec.NumberOr("parameters.lidVelocity", 1.0);
            _lower = [0, 0];
            _upper = [1, 1];
        }
    }

    public override string Name { get; }

    public override string[] Inputs => ["x", "y"];

    public override string[] Outputs => ["psi", "p"];

    public override double[] Lower => _lower;

    public override double[] Upper => _upper;

    public override string ConstraintDescription => "soft velocity boundary data; continuity exact through the stream function";

    /// <summary>Velocity (u, v) = (ψ_y, −ψ_x) of a (ψ, p) field, each [N, 1].</summary>
    public static (Tensor U, Tensor V) Velocity(Field field, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(field);
        Tensor psi = field(x).narrow(1, 0, 1);
        Tensor g = Autodiff.Gradient(psi, x);
        return (Autodiff.Column(g, 1), -Autodiff.Column(g, 0));
    }

    public override Tensor Residual(Field field, Tensor x) => Residual(field, x, _nu);

    /// <summary>Momentum residuals [N, 2]: (u u_x + v u_y + p_x − ν Δu, u v_x + v v_y + p_y − ν Δv).</summary>
    public static Tensor Residual(Field field, Tensor x, double nu)
    {
        ArgumentNullException.ThrowIfNull(field);
        Tensor output = field(x);
        Tensor psi = output.narrow(1, 0, 1), p = output.narrow(1, 1, 1);
        Tensor gpsi = Autodiff.Gradient(psi, x);
        var (ru, rv, _) = Momentum(Autodiff.Column(gpsi, 1), -Autodiff.Column(gpsi, 0), p, x, nu);
        return cat([ru, rv], 1);
    }

    /// <summary>The two steady momentum residuals u·∇u + ∇p − ν Δu of velocity (u, v) and pressure p, each [N, 1], and
    /// the divergence u_x + v_y, all by autograd with respect to x = (x, y).</summary>
    public static (Tensor Ru, Tensor Rv, Tensor Divergence) Momentum(Tensor u, Tensor v, Tensor p, Tensor x, double nu)
    {
        Tensor gu = Autodiff.Gradient(u, x), gv = Autodiff.Gradient(v, x), gp = Autodiff.Gradient(p, x);
        Tensor ux = Autodiff.Column(gu, 0), uy = Autodiff.Column(gu, 1), vx = Autodiff.Column(gv, 0), vy = Autodiff.Column(gv, 1);
        Tensor uxx = Autodiff.Column(Autodiff.Gradient(ux, x), 0), uyy = Autodiff.Column(Autodiff.Gradient(uy, x), 1);
        Tensor vxx = Autodiff.Column(Autodiff.Gradient(vx, x), 0), vyy = Autodiff.Column(Autodiff.Gradient(vy, x), 1);
        Tensor ru = u * ux + v * uy + Autodiff.Column(gp, 0) - nu * (uxx + uyy);
        Tensor rv = u * vx + v * vy + Autodiff.Column(gp, 1) - nu * (vxx + vyy);
        return (ru, rv, ux + vy);
    }

    /// <summary>Residual [N, 3] of a velocity–pressure field (outputs u, v, p): the momentum residuals
    /// u·∇u + ∇p − ν Δu (two components) and the divergence u_x + v_y.</summary>
    public static Tensor VelocityPressureResidual(Field field, Tensor x, double nu)
    {
        ArgumentNullException.ThrowIfNull(field);
        Tensor output = field(x);
        var (ru, rv, divergence) = Momentum(output.narrow(1, 0, 1), output.narrow(1, 1, 1), output.narrow(1, 2, 1), x, nu);
        return cat([ru, rv, divergence], 1);
    }

    /// <summary>Kovasznay's (ψ, p) as a torch function (for checking the residual).</summary>
    public static Tensor KovasznayField(KovasznaySolution k, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(k);
        Tensor a = x.narrow(1, 0, 1), b = x.narrow(1, 1, 1);
        Tensor e = (k.Lambda * a).exp();
        Tensor psi = b - e * (2 * Math.PI * b).sin() / (2 * Math.PI);
        Tensor p = (1 - (2 * k.Lambda * a).exp()) / 2;
        return cat([psi, p], 1);
    }

    public override IReadOnlyList<Constraint> Constraints(int seed, ScalarType dtype)
    {
        int n = _boundaryPoints;
        var rng = new Random(unchecked(seed + 4241));
        var points = new double[2 * n];
        var targets = new double[2 * n];
        for (int i = 0; i < n; i++)
        {
            int side = i % 4;
            double s = rng.NextDouble();
            double x = side switch { 0 => _lower[0], 1 => _upper[0], _ => _lower[0] + s * (_upper[0] - _lower[0]) };
            double y = side switch { 2 => _lower[1], 3 => _upper[1], _ => _lower[1] + s * (_upper[1] - _lower[1]) };
            points[2 * i] = x;
            points[2 * i + 1] = y;
            if (_kovasznay is not null)
            {
                targets[2 * i] = _kovasznay.U(x, y);
                targets[2 * i + 1] = _kovasznay.V(x, y);
            }
            else
            {
                targets[2 * i] = side == 3 ? _lid : 0;
                targets[2 * i + 1] = 0;
            }
        }
        Tensor target = tensor(targets, dtype: dtype).reshape(n, 2);
        return
        [
            new Constraint("velocity on the boundary", tensor(points, dtype: dtype).reshape(n, 2), (f, x) =>
            {
                var (u, v) = Velocity(f, x);
                return cat([u, v], 1) - target;
            }),
        ];
    }

    public override PinnEvaluation Evaluate(Field field, ScalarType dtype)
    {
        if (_kovasznay is not null)
        {
            var (gx, gy) = KovasznayComparison.Grid(_lower, _upper);
            var (u, v, p) = SampleVelocityPressure(field, gx.Values, gy.Values, dtype);
            return KovasznayComparison.Evaluate(Name, _kovasznay, gx, gy, u, v, p);
        }
        return CavityComparison.Evaluate(_spec, Name, (gx, gy) =>
        {
            var (u, v, _) = SampleVelocityPressure(field, gx.Values, gy.Values, dtype);
            return (u, v);
        });
    }

    /// <summary>u = ψ_y, v = −ψ_x and the pressure p on the grid (axes x, y).</summary>
    public override IReadOnlyDictionary<string, double[]> Predict(Field field, IReadOnlyList<GridAxis> axes, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(axes);
        if (axes.Count != 2 || axes[0].Name != "x" || axes[1].Name != "y")
        {
            throw new ArgumentException($"grid axes ({string.Join(", ", axes.Select(a => a.Name))}): expected (x, y)", nameof(axes));
        }
        var (u, v, p) = SampleVelocityPressure(field, axes[0].Values, axes[1].Values, dtype);
        return new Dictionary<string, double[]>(StringComparer.Ordinal) { ["u"] = u, ["v"] = v, ["p"] = p };
    }

    private static (double[] U, double[] V, double[] P) SampleVelocityPressure(Field field, double[] xs, double[] ys, ScalarType dtype)
    {
        double[] points = GridPoints(xs, ys);
        double[] u = Sample(field, points, 2, 0, dtype, (x, _) => Velocity(field, x).U);
        double[] v = Sample(field, points, 2, 0, dtype, (x, _) => Velocity(field, x).V);
        double[] p = Sample(field, points, 2, 1, dtype);
        return (u, v, p);
    }
}
