using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;
using static TorchSharp.torch;

namespace NeuralPDE.Learning.Pinn.Families;

/// <summary>
/// The lid-driven cavity in velocity–pressure form with hard boundary conditions (<c>pinn.formulation =
/// velocity-pressure</c>): outputs (u, v, p) with
/// <list type="bullet">
/// <item>u = U L + B N_u, where L = φ_w / (φ_w + φ_l) is 1 on the lid and 0 on the three walls (φ_l = 1 − y vanishes on
/// the lid, φ_w = 4 x (1 − x) y on the walls; a transfinite weight, discontinuous only at the two lid corners like the
/// data), and B = 16 x (1 − x) y (1 − y);</item>
/// <item>v = B N_v and p = N_p.</item>
/// </list>
/// No slip and the lid speed U hold exactly; the loss is the two momentum residuals plus continuity, with second
/// derivatives only (the stream-function form needs third). Scored like <see cref="NavierStokesPinn"/>'s cavity
/// (<see cref="CavityComparison"/>).
/// </summary>
public sealed class CavityHardPinn : PinnProblem
{
    private readonly ProblemSpec _spec;
    private readonly double _nu;
    private readonly double _lid;

    public CavityHardPinn(ProblemSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
        Name = spec.Name;
        _nu = 1 / spec.Number("parameters.re", min: 0, exclusiveMin: true);
        _lid = spec.NumberOr("parameters.lidVelocity", 1.0);
    }

    public override string Name { get; }

    public override string[] Inputs => ["x", "y"];

    public override string[] Outputs => ["u", "v", "p"];

    public override double[] Lower => [0, 0];

    public override double[] Upper => [1, 1];

    public override string ConstraintDescription => "hard: u = U phi_w/(phi_w + phi_l) + B N_u, v = B N_v, B = 16 x(1-x) y(1-y); continuity in the loss";

    /// <summary>The lid weight L: 1 on y = 1 (0 &lt; x &lt; 1), 0 on x = 0, x = 1 and y = 0; 0 at the two lid corners.</summary>
    public static Tensor LidWeight(Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Tensor walls = 4 * x * (1 - x) * y;
        Tensor lid = 1 - y;
        // At the corners both vanish; the tiny floor keeps 0/0 out (L = 0 there, the walls' value).
        return walls / (walls + lid + 1e-300);
    }

    public override Tensor Transform(Tensor x, Tensor network)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(network);
        Tensor a = x.narrow(1, 0, 1), b = x.narrow(1, 1, 1);
        Tensor bubble = 16 * a * (1 - a) * b * (1 - b);
        Tensor u = _lid * LidWeight(a, b) + bubble * network.narrow(1, 0, 1);
        Tensor v = bubble * network.narrow(1, 1, 1);
        return cat([u, v, network.narrow(1, 2, 1)], 1);
    }

    public override Tensor Residual(Field field, Tensor x) => NavierStokesPinn.VelocityPressureResidual(field, x, _nu);

    public override PinnEvaluation Evaluate(Field field, ScalarType dtype)
        => CavityComparison.Evaluate(_spec, Name, (gx, gy) =>
        {
            IReadOnlyDictionary<string, double[]> predicted = Predict(field, [gx, gy], dtype);
            return (predicted["u"], predicted["v"]);
        });
}
