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
/// <para>
/// The two lid corners are singular: the velocity jumps, so near a corner it depends on the angle alone at leading
/// order, and the pressure grows like ν U / r (Taylor's scraper flow). With <c>pinn.corners = none</c> the angular
/// profile is the one of L (B N vanishes quadratically there) and the pressure is smooth, so the corners' residual
/// cannot vanish and its least-squares weight pulls the whole flow. <c>pinn.corners = angular</c> lets
/// the network see L, which is the corner angle, and replaces B by the bubble 4 L (1 − L), which vanishes on the lid and
/// the walls but not at the corners: u = U L + 4 L (1 − L) N_u(x, y, L) and v = 4 L (1 − L) N_v(x, y, L) can take any
/// angular profile. <c>angular-pressure</c> (the default) adds the singular pressure ν N_q(x, y, L) (1/r₁ + 1/r₂), r_i the
/// distances to the corners, from a fourth network output.
/// </para>
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
        Corners = spec.TextOr("pinn.corners", "angular-pressure", "none", "angular", "angular-pressure") switch
        {
            "angular" => CornerTreatment.Angular,
            "angular-pressure" => CornerTreatment.AngularPressure,
            _ => CornerTreatment.None,
        };
    }

    /// <summary>How the two singular lid corners are represented (<c>pinn.corners</c>).</summary>
    public CornerTreatment Corners { get; }

    public override string Name { get; }

    public override string[] Inputs => ["x", "y"];

    public override string[] Outputs => ["u", "v", "p"];

    public override double[] Lower => [0, 0];

    public override double[] Upper => [1, 1];

    public override string ConstraintDescription => Corners switch
    {
        CornerTreatment.None => "hard: u = U L + B N_u, v = B N_v, L = phi_w/(phi_w + phi_l), B = 16 x(1-x) y(1-y); continuity in the loss",
        CornerTreatment.Angular => "hard: u = U L + 4L(1-L) N_u(x,y,L), v = 4L(1-L) N_v(x,y,L), L = phi_w/(phi_w + phi_l); continuity in the loss",
        _ => "hard: u = U L + 4L(1-L) N_u(x,y,L), v = 4L(1-L) N_v(x,y,L), p = N_p + nu N_q (1/r1 + 1/r2); continuity in the loss",
    };

    public override Tensor Features(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Corners == CornerTreatment.None ? x : cat([x, LidWeight(x.narrow(1, 0, 1), x.narrow(1, 1, 1))], 1);
    }

    public override double[] FeatureLower => Corners == CornerTreatment.None ? Lower : [0, 0, 0];

    public override double[] FeatureUpper => Corners == CornerTreatment.None ? Upper : [1, 1, 1];

    public override int NetworkOutputs => Corners == CornerTreatment.AngularPressure ? 4 : 3;

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
        Tensor lidWeight = LidWeight(a, b);
        Tensor bubble = Corners == CornerTreatment.None ? 16 * a * (1 - a) * b * (1 - b) : 4 * lidWeight * (1 - lidWeight);
        Tensor u = _lid * lidWeight + bubble * network.narrow(1, 0, 1);
        Tensor v = bubble * network.narrow(1, 1, 1);
        Tensor p = network.narrow(1, 2, 1);
        if (Corners == CornerTreatment.AngularPressure)
        {
            // 1/r about each lid corner, floored at r = 1e-5 so that the corner nodes themselves stay finite.
            Tensor gap = (1 - b).square() + 1e-10;
            Tensor singular = (a.square() + gap).rsqrt() + ((1 - a).square() + gap).rsqrt();
            p = p + _nu * singular * network.narrow(1, 3, 1);
        }
        return cat([u, v, p], 1);
    }

    public override Tensor Residual(Field field, Tensor x) => NavierStokesPinn.VelocityPressureResidual(field, x, _nu);

    public override PinnEvaluation Evaluate(Field field, ScalarType dtype)
        => CavityComparison.Evaluate(_spec, Name, (gx, gy) =>
        {
            IReadOnlyDictionary<string, double[]> predicted = Predict(field, [gx, gy], dtype);
            return (predicted["u"], predicted["v"]);
        });
}
