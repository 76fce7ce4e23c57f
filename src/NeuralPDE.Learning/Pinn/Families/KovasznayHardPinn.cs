using NeuralPDE.Core.Families.NavierStokes;
using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;
using static TorchSharp.torch;

namespace NeuralPDE.Learning.Pinn.Families;

/// <summary>
/// Kovasznay flow in velocity–pressure form with hard boundary conditions (<c>pinn.formulation = velocity-pressure</c>):
/// outputs (u, v, p) with u = C_u + B N_u, v = C_v + B N_v, p = N_p, where C is the transfinite (Coons) interpolant
/// of the velocity data on the four sides of the rectangle, built from the boundary values only, and
/// B = 16 s(1 − s) r(1 − r) vanishes on the boundary (s, r the scaled coordinates). The boundary data hold exactly;
/// the loss is the two momentum residuals plus continuity, with second derivatives only (the stream-function form
/// needs third). Compared with the exact u, v like <see cref="NavierStokesPinn"/>.
/// </summary>
public sealed class KovasznayHardPinn : PinnProblem
{
    private readonly KovasznaySolution _exact;
    private readonly double[] _lower;
    private readonly double[] _upper;

    public KovasznayHardPinn(ProblemSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Name = spec.Name;
        _exact = new KovasznaySolution(spec.Number("parameters.re", min: 0, exclusiveMin: true));
        _lower = [spec.Number("parameters.xMin"), spec.Number("parameters.yMin")];
        _upper = [spec.Number("parameters.xMax"), spec.Number("parameters.yMax")];
    }

    public override string Name { get; }

    public override string[] Inputs => ["x", "y"];

    public override string[] Outputs => ["u", "v", "p"];

    public override double[] Lower => _lower;

    public override double[] Upper => _upper;

    public override string ConstraintDescription => "hard: u, v = Coons interpolant of the boundary velocity + B N, B = 16 s(1-s) r(1-r); continuity in the loss";

    /// <summary>Boundary velocity data g(x, y) (used on the four sides only).</summary>
    private Tensor BoundaryU(Tensor x, Tensor y) => 1 - (_exact.Lambda * x).exp() * (2 * Math.PI * y).cos();

    private Tensor BoundaryV(Tensor x, Tensor y) => _exact.Lambda / (2 * Math.PI) * (_exact.Lambda * x).exp() * (2 * Math.PI * y).sin();

    /// <summary>The transfinite interpolant of g from its values on x = x0, x1 and y = y0, y1.</summary>
    private Tensor Coons(Func<Tensor, Tensor, Tensor> g, Tensor x, Tensor y)
    {
        double x0 = _lower[0], x1 = _upper[0], y0 = _lower[1], y1 = _upper[1];
        Tensor s = (x - x0) / (x1 - x0), r = (y - y0) / (y1 - y0);
        Tensor X0 = full_like(x, x0), X1 = full_like(x, x1), Y0 = full_like(y, y0), Y1 = full_like(y, y1);
        Tensor edges = (1 - s) * g(X0, y) + s * g(X1, y) + (1 - r) * g(x, Y0) + r * g(x, Y1);
        Tensor corners = (1 - s) * (1 - r) * g(X0, Y0) + s * (1 - r) * g(X1, Y0) + (1 - s) * r * g(X0, Y1) + s * r * g(X1, Y1);
        return edges - corners;
    }

    public override Tensor Transform(Tensor x, Tensor network)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(network);
        Tensor a = x.narrow(1, 0, 1), b = x.narrow(1, 1, 1);
        Tensor s = (a - _lower[0]) / (_upper[0] - _lower[0]), r = (b - _lower[1]) / (_upper[1] - _lower[1]);
        Tensor bubble = 16 * s * (1 - s) * r * (1 - r);
        Tensor u = Coons(BoundaryU, a, b) + bubble * network.narrow(1, 0, 1);
        Tensor v = Coons(BoundaryV, a, b) + bubble * network.narrow(1, 1, 1);
        return cat([u, v, network.narrow(1, 2, 1)], 1);
    }

    public override Tensor Residual(Field field, Tensor x) => NavierStokesPinn.VelocityPressureResidual(field, x, _exact.Nu);

    /// <summary>Kovasznay's exact (u, v, p) as a torch function (for checking the residual).</summary>
    public Tensor ExactField(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        Tensor a = x.narrow(1, 0, 1), b = x.narrow(1, 1, 1);
        Tensor p = (1 - (2 * _exact.Lambda * a).exp()) / 2;
        return cat([BoundaryU(a, b), BoundaryV(a, b), p], 1);
    }

    public override PinnEvaluation Evaluate(Field field, ScalarType dtype)
    {
        var (gx, gy) = KovasznayComparison.Grid(_lower, _upper);
        IReadOnlyDictionary<string, double[]> predicted = Predict(field, [gx, gy], dtype);
        return KovasznayComparison.Evaluate(Name, _exact, gx, gy, predicted["u"], predicted["v"], predicted["p"]);
    }
}
