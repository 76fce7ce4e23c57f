using NeuralPDE.Core.Families.PorousMedium;
using NeuralPDE.Learning.Pinn;
using NeuralPDE.Learning.Pinn.Families;
using static TorchSharp.torch;

namespace NeuralPDE.Tests.Pinn;

/// <summary>The Stefan front-tracking PINN: the exact similarity solution is an exact model (its residual, Stefan
/// condition and right data vanish; u matches on both sides of the front); a wrong front leaves residuals; the right
/// data stay continuous as the model's front crosses b; a short training run beats the density form.</summary>
public class StefanFrontTests
{
    private static readonly StefanSolution Exact = new(0.5, 0);

    /// <summary>A stand-in network of (t, η) with the exact outputs: N_u = [(1 − u*) η − A erf(z η)]/(η (1 − η)) and
    /// N_s = softplus⁻¹(2 z · <paramref name="frontScale"/>).</summary>
    private static Func<Tensor, Tensor> ExactNetwork(double frontScale = 1) => features =>
    {
        Tensor eta = features.narrow(1, 1, 1);
        Tensor positive = eta > 0;
        Tensor safeEta = where(positive, eta, ones_like(eta));
        Tensor ratio = ((1 - Exact.UStar) * safeEta - Exact.Amplitude * (Exact.Z * safeEta).erf()) / (safeEta * (1 - safeEta));
        double atZero = (1 - Exact.UStar) - Exact.Amplitude * 2 * Exact.Z / Math.Sqrt(Math.PI);
        Tensor nu = where(positive, ratio, full_like(eta, atZero));
        double spread = 2 * Exact.Z * frontScale;
        Tensor ns = full_like(eta, Math.Log(Math.Exp(spread) - 1));
        return cat([nu, ns], 1);
    };

    private static Field Model(StefanFrontModel model, double frontScale = 1) => x => model.Apply(x, ExactNetwork(frontScale));

    [Fact]
    public void TheExactSolutionIsAnExactModelOnBothSidesOfTheFront()
    {
        using var scope = NewDisposeScope();
        var model = new StefanFrontModel(0, 0.5);
        Tensor x = PinnTestProblems.RandomPoints(400, [0.01, 0], [1, 1], 1, (t, x) => Math.Abs(x - Exact.Front(t)) > 1e-3).detach();
        double[] p = x.data<double>().ToArray();
        double[] out3 = Model(model)(x).data<double>().ToArray();
        int wet = 0;
        for (int i = 0; i < 400; i++)
        {
            double t = p[2 * i], xi = p[2 * i + 1];
            Assert.Equal(Exact.Value(xi, t), out3[3 * i], 12);
            Assert.Equal(Exact.Front(t), out3[3 * i + 1], 12);
            wet += xi < Exact.Front(t) ? 1 : 0;
        }
        Assert.InRange(wet, 100, 350);   // both sides are sampled
        // left data and the dry initial state are hard: u(t, a) = 1, u(0, x > a) = 0
        Tensor edges = tensor(new double[] { 0.4, 0, 0, 0.3, 0, 0.9 }, dtype: float64).reshape(3, 2);
        double[] u = model.Apply(edges, f => randn(f.shape[0], 2, dtype: float64)).narrow(1, 0, 1).data<double>().ToArray();
        Assert.Equal([1.0, 0.0, 0.0], u);
    }

    [Fact]
    public void ResidualStefanConditionAndRightDataVanishOnTheExactSolutionOnly()
    {
        using var scope = NewDisposeScope();
        var model = new StefanFrontModel(0, 0.5);
        // collocation (t, x) in the box is read as (t, η = x): every point lies behind the front
        Tensor x = PinnTestProblems.RandomPoints(300, [0.01, 0], [1, 1], 2, (_, x) => x > 0.02 && x < 0.98);
        double residual = model.Residual(Model(model), x, 1).abs().max().item<double>();
        Assert.True(residual < 1e-10, $"max |t (u_t - u_xx)| = {residual:E3}");
        double[] times = Enumerable.Range(0, 64).Select(i => (i + 0.5) / 64).ToArray();
        Constraint stefan = model.StefanCondition(times, float64);
        Tensor at = stefan.Points.detach().clone().requires_grad_(true);
        double condition = stefan.Residual(Model(model), at).abs().max().item<double>();
        Assert.True(condition < 1e-6, $"max |Stefan condition| = {condition:E3}");
        Constraint right = StefanFrontModel.RightData(1, times, times.Select(t => Exact.Value(1, t)).ToArray(), float64);
        Assert.Contains(times, t => Exact.Value(1, t) > 0);   // the exact front passes b = 1 at t = 1/(2z)^2 ≈ 0.65
        double rightError = right.Residual(Model(model), right.Points).abs().max().item<double>();
        Assert.True(rightError < 1e-12, $"max |right data| = {rightError:E3}");

        // a front 10 % too fast: the profile in η is still exact, but neither the heat equation nor the Stefan condition holds
        Assert.True(model.Residual(Model(model, 1.1), x, 1).abs().max().item<double>() > 1e-2);
        Assert.True(stefan.Residual(Model(model, 1.1), at).abs().max().item<double>() > 1e-2);
        Assert.True(right.Residual(Model(model, 1.1), right.Points).abs().max().item<double>() > 1e-2);
    }

    [Fact]
    public void TheRightDataStayContinuousWhileTheModelsFrontCrossesB()
    {
        using var scope = NewDisposeScope();
        var model = new StefanFrontModel(0, 0.5);
        double crossing = 1 / (4 * Exact.Z * Exact.Z);
        double[] times = [crossing - 0.02, crossing + 0.02];   // dry data, then wet data
        Constraint right = StefanFrontModel.RightData(1, times, times.Select(t => Exact.Value(1, t)).ToArray(), float64);
        double[] Terms(double scale) => right.Residual(Model(model, scale), right.Points).data<double>().ToArray();
        double[] NaiveTerms(double scale)
        {
            double[] u = Model(model, scale)(right.Points).narrow(1, 0, 1).data<double>().ToArray();
            return [u[0] - Exact.Value(1, times[0]), u[1] - Exact.Value(1, times[1])];
        }
        // scales 0.95 .. 1.05 move both model fronts across b = 1
        double largestJump = 0, naiveJump = 0;
        for (int i = 0; i < 200; i++)
        {
            double s0 = 0.95 + 0.1 * i / 200, s1 = 0.95 + 0.1 * (i + 1) / 200;
            largestJump = Math.Max(largestJump, Terms(s0).Zip(Terms(s1), (a, b) => Math.Abs(a - b)).Max());
            naiveJump = Math.Max(naiveJump, NaiveTerms(s0).Zip(NaiveTerms(s1), (a, b) => Math.Abs(a - b)).Max());
        }
        Assert.True(largestJump < 5e-3, $"largest step of the right-data residual {largestJump:E3}");
        Assert.True(naiveJump > 0.4, $"comparing u itself jumps by u* = 0.5 at the crossing, got {naiveJump:E3}");
    }

    [Fact]
    public void AutoPicksFrontTrackingForStefanOnly()
    {
        var stefan = new PorousMediumPinn(PinnTestProblems.Load("pme-1d", "law=stefan"));
        Assert.Equal("stefan-front", stefan.Formulation);
        Assert.Equal(2, stefan.NetworkOutputs);
        Assert.Equal([0.0, 0.0], stefan.FeatureLower);
        Assert.Equal("pressure-front", new PorousMediumPinn(PinnTestProblems.Load("pme-1d")).Formulation);
        Assert.Equal("density", new PorousMediumPinn(PinnTestProblems.Load("pme-1d", "law=heat")).Formulation);
        var error = Assert.Throws<NeuralPDE.Core.Specs.SpecException>(() => new PorousMediumPinn(PinnTestProblems.Load("pme-1d", "law=pme", "pinn.formulation=stefan-front")));
        Assert.Contains("parameters.law = stefan", error.Message);
    }

    [Fact]
    public void AShortRunOfFrontTrackingBeatsTheDensityForm()
    {
        double Error(string formulation)
        {
            var spec = PinnTestProblems.Load("pme-1d", "law=stefan", $"pinn.formulation={formulation}");
            var problem = new PorousMediumPinn(spec);
            using var trainer = new PinnTrainer(problem, PinnTestProblems.Tiny(spec, adam: 60, lbfgs: 40, points: 200) with { Width = 12 }, new TrainingOptions { Seed = 3 });
            trainer.Train();
            return problem.Evaluate(trainer.Field, float64).RelL2;
        }
        double front = Error("stefan-front"), density = Error("density");
        Assert.True(front < 0.05 && front < 0.2 * density, $"relative L2: stefan-front {front:E3}, density {density:E3}");
    }
}
