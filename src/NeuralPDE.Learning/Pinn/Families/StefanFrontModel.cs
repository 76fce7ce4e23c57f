using static TorchSharp.torch;

namespace NeuralPDE.Learning.Pinn.Families;

/// <summary>
/// Front tracking for the one-phase Stefan problem u_t = u_xx behind a moving front s(t), u(a, t) = 1, u = u* at the
/// front and 0 ahead of it, with the Stefan condition u* s' = −u_x(s⁻) (ProbConserv's Stefan case). The network sees
/// (t, η), η = (x − a)/(s(t) − a) the position relative to the front, and has two outputs:
/// <list type="bullet">
/// <item>the front s(t) = a + √t S(t), S = softplus(N_s(t, 0)) &gt; 0, read off a second evaluation of the network at
/// η = 0, so that it depends on t alone. The √t is the scaling of any front driven by a step in the boundary data (the
/// exact front is a + 2 z √t, S = 2z); S(t) stays free;</item>
/// <item>behind the front u = 1 − (1 − u*) η + η (1 − η) N_u(t, η), so the left data and u = u* at the front hold
/// exactly; ahead of it u = 0 exactly, so the dry initial state holds too.</item>
/// </list>
/// The solution jumps at the front, yet the network only ever has to represent smooth functions of (t, η): the exact
/// solution is N_u = [(1 − u*) η − A erf(z η)]/(η (1 − η)), a function of η alone. The model returns three columns:
/// u, s and the behind-the-front formula continued past the front (η &gt; 1), which the right data use.
/// The PDE residual is written in (t, η) and scaled by t (see <see cref="Residual"/>), the Stefan condition is scaled
/// by √t; the condition and the right boundary data are soft constraints, both smooth in the weights (see
/// <see cref="RightData"/>).
/// </summary>
public sealed class StefanFrontModel
{
    /// <summary>Floor on t under the square root, so that the front's t-derivative stays finite at t = 0.</summary>
    private const double TinyTime = 1e-12;

    /// <summary>Where u_x(s⁻) is read: this fraction of the way from a to the front.</summary>
    private const double InsideFraction = 1 - 1e-9;

    public StefanFrontModel(double xMin, double uStar)
    {
        if (!(uStar > 0 && uStar < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(uStar), $"u* must lie in (0, 1), got {uStar}");
        }
        XMin = xMin;
        UStar = uStar;
    }

    /// <summary>The fixed end a, where u = 1.</summary>
    public double XMin { get; }

    /// <summary>The melting value u* (u jumps from u* to 0 at the front).</summary>
    public double UStar { get; }

    /// <summary>Number of raw network outputs: N_u and N_s.</summary>
    public const int NetworkOutputs = 2;

    /// <summary>[u, s, u_behind] at the points x = (t, x) [N, 2] from the network of (t, η); u_behind is the formula of
    /// u behind the front continued past it (u = u_behind for x ≤ s, 0 beyond).</summary>
    public Tensor Apply(Tensor x, Func<Tensor, Tensor> network)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(network);
        Tensor t = x.narrow(1, 0, 1);
        Tensor distance = x.narrow(1, 1, 1) - XMin;
        Tensor raw = network(cat([t, zeros_like(t)], 1)).narrow(1, 1, 1);
        Tensor spread = raw.clamp_min(0) + (-raw.abs()).exp().log1p();   // softplus, overflow-free
        Tensor width = t.clamp_min(TinyTime).sqrt() * spread;              // s − a
        Tensor eta = (distance / width).clamp_min(0);   // finite: width ≥ 1e-6 S
        Tensor n = network(cat([t, eta], 1)).narrow(1, 0, 1);
        Tensor wet = 1 - (1 - UStar) * eta + eta * (1 - eta) * n;
        Tensor u = where(distance <= width, wet, zeros_like(wet));
        return cat([u, width + XMin, wet], 1);
    }

    /// <summary>
    /// The heat equation behind the front in the front's own coordinates, [N, 1]: the points (t, x) of the box are
    /// taken as (t, η) with η = (x − a)/(b − a), so every collocation point lies behind the front and the thin wet
    /// region of small t is sampled as densely as the rest. With w = s − a, u_t|_x = u_t|_η − η (w'/w) u_η and
    /// u_xx = u_ηη / w², and the residual is scaled by t (the similarity scaling, O(1) as t → 0):
    /// t u_t|_η − η (t w'/w) u_η − (t/w²) u_ηη. The derivatives come from autograd through the model at
    /// (t, a + η w(t)), so the loss is a smooth function of the weights (no point ever crosses the front).
    /// </summary>
    public Tensor Residual(Field field, Tensor x, double xMax)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(x);
        Tensor eta = (x.narrow(1, 1, 1) - XMin) / (xMax - XMin);
        var (u, width, q) = BehindFront(field, x.narrow(1, 0, 1), eta);
        Tensor g = Autodiff.Gradient(u, q);
        Tensor ue = Autodiff.Column(g, 1);
        Tensor uee = Autodiff.Column(Autodiff.Gradient(ue, q), 1);
        Tensor wt = Autodiff.Column(Autodiff.Gradient(width, q), 0);
        Tensor t = q.narrow(1, 0, 1);
        return t * Autodiff.Column(g, 0) - q.narrow(1, 1, 1) * (t * wt / width) * ue - t / width.square() * uee;
    }

    /// <summary>√t (u* s' + u_x(s⁻)) at the points (t, ·) [N, 2] (their x is ignored), [N, 1]: s' by autograd of the
    /// front, u_x = u_η / w read just behind it (η = 1 − 1e-9), both through the model as in <see cref="Residual"/>.</summary>
    public Tensor StefanResidual(Field field, Tensor points)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(points);
        Tensor t = points.narrow(1, 0, 1);
        var (u, width, q) = BehindFront(field, t, full_like(t, InsideFraction));
        Tensor speed = Autodiff.Column(Autodiff.Gradient(width, q), 0);
        Tensor slope = Autodiff.Column(Autodiff.Gradient(u, q), 1) / width;
        return q.narrow(1, 0, 1).clamp_min(0).sqrt() * (UStar * speed + slope);
    }

    /// <summary>u at (t, a + η w(t)) and w(t) = s(t) − a, both as functions of the leaf q = (t, η) that requires grad.</summary>
    private (Tensor U, Tensor Width, Tensor Q) BehindFront(Field field, Tensor t, Tensor eta)
    {
        Tensor q = cat([t.detach(), eta.detach()], 1).requires_grad_(true);
        Tensor time = q.narrow(1, 0, 1);
        Tensor width = field(cat([time, full_like(time, XMin)], 1)).narrow(1, 1, 1) - XMin;
        Tensor u = field(cat([time, XMin + q.narrow(1, 1, 1) * width], 1)).narrow(1, 0, 1);
        return (u, width, q);
    }

    /// <summary>
    /// The right data u(t, b) = g_b(t) as a soft constraint that stays smooth in the weights: where the data are wet
    /// (g_b &gt; 0, the exact front has passed b) the behind-the-front formula at b must equal g_b, whichever side of
    /// the model's front b lies on; where they are dry the model's front must not have reached b, max(s − b, 0) = 0.
    /// (Comparing u itself would make the loss jump whenever the model's front crosses b.)
    /// </summary>
    public static Constraint RightData(double xMax, IReadOnlyList<double> times, IReadOnlyList<double> values, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(values);
        int n = times.Count;
        Tensor target = tensor(values.ToArray(), dtype: dtype).reshape(n, 1);
        Tensor wetData = target > 0;
        return new Constraint("right", tensor(PinnProblem.GridPoints([.. times], [xMax]), dtype: dtype).reshape(n, 2), (field, x) =>
        {
            Tensor model = field(x);
            Tensor overshoot = (model.narrow(1, 1, 1) - xMax).clamp_min(0);
            return where(wetData, model.narrow(1, 2, 1) - target, overshoot);
        });
    }

    /// <summary>The Stefan condition as a soft constraint at the given times.</summary>
    public Constraint StefanCondition(IReadOnlyList<double> times, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(times);
        return new Constraint("stefan", tensor(PinnProblem.GridPoints([.. times], [XMin]), dtype: dtype).reshape(times.Count, 2), StefanResidual);
    }
}
