using NeuralPDE.Core.Families.NavierStokes;
using NeuralPDE.Core.Families.Poisson;
using NeuralPDE.Learning.Pinn;
using NeuralPDE.Learning.Pinn.Families;
using static TorchSharp.torch;

namespace NeuralPDE.Tests.Pinn;

/// <summary>Poisson, steady Navier–Stokes and GPME residuals vanish on exact solutions (and not on wrong ones); hard
/// transforms meet the boundary data.</summary>
public class FamilyResidualTests
{
    [Fact]
    public void PoissonResidualVanishesOnTheManufacturedSolution()
    {
        using var scope = NewDisposeScope();
        var problem = new PoissonPinn(PinnTestProblems.Load("poisson-2d"));
        var p = ManufacturedSquareProblem.FromSpec(PinnTestProblems.Load("poisson-2d"));
        Field exact = x => PoissonPinn.ManufacturedExact(p, x.narrow(1, 0, 1), x.narrow(1, 1, 1));
        Tensor x = PinnTestProblems.RandomPoints(400, [0, 0], [1, 1], 1);
        double max = problem.Residual(exact, x).abs().max().item<double>();
        Assert.True(max < 1e-11, $"max |r| = {max:E3}");
        Field wrong = x => 1.01 * exact(x);
        Assert.True(problem.Residual(wrong, x).abs().max().item<double>() > 1e-2);
        // the Coons transform reproduces the boundary data for any network output
        Tensor edge = tensor(new double[] { 0, 0.3, 1, 0.7, 0.4, 0, 0.9, 1 }, dtype: float64).reshape(4, 2);
        double[] u = problem.Transform(edge, full(4, 1, 5.0, dtype: float64)).data<double>().ToArray();
        Assert.Equal(p.Exact(0, 0.3), u[0], 13);
        Assert.Equal(p.Exact(1, 0.7), u[1], 13);
        Assert.Equal(p.Exact(0.4, 0), u[2], 13);
        Assert.Equal(p.Exact(0.9, 1), u[3], 13);
    }

    [Fact]
    public void LShapeTransformVanishesOnTheWholeBoundary()
    {
        using var scope = NewDisposeScope();
        var problem = new PoissonPinn(PinnTestProblems.Load("poisson-lshape"));
        Tensor edge = tensor(new double[] { 0, 0.5, 0.5, 0, -1, 0.2, 0.3, -1, 1, -0.4, -0.6, 1 }, dtype: float64).reshape(6, 2);
        double[] u = problem.Transform(edge, full(6, 1, 3.0, dtype: float64)).data<double>().ToArray();
        Assert.All(u, v => Assert.True(Math.Abs(v) < 1e-11, $"{v}"));
        Tensor inside = tensor(new double[] { -0.5, 0.5, -0.5, -0.5, 0.5, -0.5 }, dtype: float64).reshape(3, 2);
        Assert.All(problem.Transform(inside, full(3, 1, 1.0, dtype: float64)).data<double>().ToArray(), v => Assert.True(v > 0.1));
        // constant source: u = -(x^2 + y^2)/4 has -Δu = 1
        Field quadratic = x => -(x.square().sum(1, keepdim: true)) / 4;
        Tensor pts = PinnTestProblems.RandomPoints(200, [-1, -1], [1, 1], 3, (a, b) => a <= 0 || b <= 0);
        Assert.True(problem.Residual(quadratic, pts).abs().max().item<double>() < 1e-13);
    }

    [Fact]
    public void VelocityPressureResidualVanishesOnKovasznayFlowAndTheLiftMatchesTheBoundaryData()
    {
        using var scope = NewDisposeScope();
        var spec = NeuralPDE.Core.Specs.ProblemCatalog.Problems().Load("ns-kovasznay", ["pinn.formulation=velocity-pressure"]);
        var problem = Assert.IsType<KovasznayHardPinn>(PinnProblems.For(spec));
        var k = new KovasznaySolution(20);
        Tensor x = PinnTestProblems.RandomPoints(300, [-0.5, -0.5], [1, 1.5], 5);
        double max = NavierStokesPinn.VelocityPressureResidual(problem.ExactField, x, k.Nu).abs().max().item<double>();
        Assert.True(max < 1e-11, $"max |r| = {max:E3}");
        Assert.True(NavierStokesPinn.VelocityPressureResidual(problem.ExactField, x, 2 * k.Nu).abs().max().item<double>() > 1e-2);
        // on the four sides the transform returns the exact velocity whatever the network says
        var rng = new Random(7);
        var side = new double[80];
        for (int i = 0; i < 40; i++)
        {
            double t = rng.NextDouble();
            (side[2 * i], side[2 * i + 1]) = (i % 4) switch { 0 => (-0.5, -0.5 + 2 * t), 1 => (1.0, -0.5 + 2 * t), 2 => (-0.5 + 1.5 * t, -0.5), _ => (-0.5 + 1.5 * t, 1.5) };
        }
        Tensor b = tensor(side, dtype: float64).reshape(40, 3 - 1);
        double[] out1 = problem.Transform(b, randn(40, 3, dtype: float64)).data<double>().ToArray();
        for (int i = 0; i < 40; i++)
        {
            Assert.Equal(k.U(side[2 * i], side[2 * i + 1]), out1[3 * i], 12);
            Assert.Equal(k.V(side[2 * i], side[2 * i + 1]), out1[3 * i + 1], 12);
        }
        // inside, the network matters
        Tensor inside = tensor(new[] { 0.25, 0.5 }, dtype: float64).reshape(1, 2);
        Assert.NotEqual(problem.Transform(inside, zeros(1, 3, dtype: float64)).data<double>()[0], problem.Transform(inside, ones(1, 3, dtype: float64)).data<double>()[0]);
    }

    [Theory]
    [InlineData("none", 3)]
    [InlineData("angular", 3)]
    [InlineData("angular-pressure", 4)]
    public void CavityHardTransformImposesNoSlipAndTheLidWhateverTheNetworkSays(string corners, int outputs)
    {
        using var scope = NewDisposeScope();
        var spec = NeuralPDE.Core.Specs.ProblemCatalog.Problems().Load("ns-cavity", ["lidVelocity=2", $"pinn.corners={corners}"]);
        var problem = Assert.IsType<CavityHardPinn>(PinnProblems.For(spec));
        Assert.Equal(outputs, problem.NetworkOutputs);
        Assert.Equal(corners == "none" ? 2 : 3, problem.FeatureLower.Length);
        Assert.IsType<NavierStokesPinn>(PinnProblems.For(NeuralPDE.Core.Specs.ProblemCatalog.Problems().Load("ns-cavity", ["pinn.formulation=stream-function"])));
        var rng = new Random(3);
        int n = 80;
        var side = new double[2 * n];
        var lid = new bool[n];
        for (int i = 0; i < n; i++)
        {
            double t = 1e-3 + (1 - 2e-3) * rng.NextDouble();
            (side[2 * i], side[2 * i + 1]) = (i % 4) switch { 0 => (0.0, t), 1 => (1.0, t), 2 => (t, 0.0), _ => (t, 1.0) };
            lid[i] = i % 4 == 3;
        }
        Tensor b = tensor(side, dtype: float64).reshape(n, 2);
        double[] out1 = problem.Transform(b, randn(n, outputs, dtype: float64) * 10).data<double>().ToArray();
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(lid[i] ? 2.0 : 0.0, out1[3 * i], 12);
            Assert.Equal(0.0, out1[3 * i + 1], 12);
        }
        // the four corners (the lid's ends included) are finite: no 0/0
        Tensor cornerPoints = tensor(new double[] { 0, 0, 1, 0, 0, 1, 1, 1 }, dtype: float64).reshape(4, 2);
        Assert.All(problem.Transform(cornerPoints, ones(4, outputs, dtype: float64)).data<double>().ToArray(), v => Assert.True(double.IsFinite(v)));
        // inside, the network moves the velocity: the transform is not the lift alone
        Tensor inside = PinnTestProblems.RandomPoints(50, [0.05, 0.05], [0.95, 0.95], 9).detach();
        Tensor d = problem.Transform(inside, ones(50, outputs, dtype: float64)) - problem.Transform(inside, zeros(50, outputs, dtype: float64));
        Assert.True(d.narrow(1, 0, 2).abs().min().item<double>() > 1e-3);
        // residual = momentum (2) + continuity (1)
        Tensor x = PinnTestProblems.RandomPoints(20, [0.1, 0.1], [0.9, 0.9], 4);
        Assert.Equal([20L, 3L], problem.Residual(xx => problem.Transform(xx, xx.narrow(1, 0, 1).repeat(1, outputs)), x).shape);
    }

    [Fact]
    public void CavityCornerModesGiveAnAngularVelocityProfileAndAOneOverRPressure()
    {
        // Near the lid corner (0, 1) the exact flow depends on the angle alone and p grows like nu U / r. Along the
        // diagonal ray x = 1 - y = r / sqrt 2, with a constant network output of 1:
        using var scope = NewDisposeScope();
        CavityHardPinn Problem(string corners) => Assert.IsType<CavityHardPinn>(PinnProblems.For(
            NeuralPDE.Core.Specs.ProblemCatalog.Problems().Load("ns-cavity", [$"pinn.corners={corners}"])));
        double[] Fields(CavityHardPinn problem, double r)
        {
            double a = r / Math.Sqrt(2);
            Tensor point = tensor(new[] { a, 1 - a }, dtype: float64).reshape(1, 2);
            Tensor features = problem.Features(point);
            Assert.Equal(problem.FeatureLower.Length, features.shape[1]);
            return problem.Transform(point, ones(1, problem.NetworkOutputs, dtype: float64)).data<double>().ToArray();
        }
        var none = Problem("none");
        var angular = Problem("angular");
        var pressure = Problem("angular-pressure");
        Assert.Equal(CornerTreatment.AngularPressure, Problem("angular-pressure").Corners);
        double lidWeight = 4.0 / 5; // L = 4x/(4x + (1 - y)) at x = 1 - y, to first order
        // none: the bubble B vanishes quadratically, so u -> U L, whatever the network
        Assert.Equal(lidWeight, Fields(none, 1e-6)[0], 4);
        // angular: the network's share 4 L (1 - L) N stays O(1) at the corner, the same at r = 1e-3 and 1e-6
        double expected = lidWeight + 4 * lidWeight * (1 - lidWeight);
        Assert.Equal(expected, Fields(angular, 1e-6)[0], 4);
        Assert.Equal(Fields(angular, 1e-3)[0], Fields(angular, 1e-6)[0], 2);
        Assert.Equal(4 * lidWeight * (1 - lidWeight), Fields(angular, 1e-6)[1], 4);
        // angular-pressure: p r -> nu N_q = 0.01 (Re = 100) on top of N_p = 1, and the other modes keep p = N_p
        Assert.Equal(0.01, (Fields(pressure, 1e-3)[2] - 1) * 1e-3, 4);
        Assert.Equal(0.01, (Fields(pressure, 3e-3)[2] - 1) * 3e-3, 3);
        Assert.Equal(1.0, Fields(angular, 1e-4)[2], 12);
    }

    [Fact]
    public void NavierStokesResidualVanishesOnKovasznayFlow()
    {
        using var scope = NewDisposeScope();
        var k = new KovasznaySolution(20);
        Field exact = x => NavierStokesPinn.KovasznayField(k, x);
        Tensor x = PinnTestProblems.RandomPoints(300, [-0.5, -0.5], [1, 1.5], 2);
        double max = NavierStokesPinn.Residual(exact, x, k.Nu).abs().max().item<double>();
        Assert.True(max < 1e-11, $"max |r| = {max:E3}");
        Assert.True(NavierStokesPinn.Residual(exact, x, 2 * k.Nu).abs().max().item<double>() > 1e-2);
        var (u, v) = NavierStokesPinn.Velocity(exact, x);
        double[] xs = x.detach().data<double>().ToArray();
        double[] us = u.detach().data<double>().ToArray(), vs = v.detach().data<double>().ToArray();
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(k.U(xs[2 * i], xs[2 * i + 1]), us[i], 12);
            Assert.Equal(k.V(xs[2 * i], xs[2 * i + 1]), vs[i], 12);
        }
    }

    [Fact]
    public void PmePressureResidualVanishesOnTheExactPressureOnBothSidesOfTheFront()
    {
        // w = u^m = m c (c t - x)_+ is piecewise linear: the pressure equation w_t = w w_xx + w_x^2 / m holds on both
        // sides of the front (where the density form has an infinite slope)
        using var scope = NewDisposeScope();
        var problem = new PorousMediumPinn(PinnTestProblems.Load("pme-1d", "law=pme", "pinn.formulation=pressure"));
        Assert.True(problem.PressureForm);
        double m = problem.Parameters.M;
        Field pressure = x => problem.ExactTorch(x.narrow(1, 0, 1), x.narrow(1, 1, 1)).pow(m);
        Tensor pts = PinnTestProblems.RandomPoints(300, [0, 0], [1, 1], 6, (t, x) => Math.Abs(x - t) > 0.02);
        double max = PorousMediumPinn.PressureResidual(pressure, pts, m).abs().max().item<double>();
        Assert.True(max < 1e-9, $"max |r| = {max:E3}");
        Assert.True(PorousMediumPinn.PressureResidual(pressure, pts, 2 * m).abs().max().item<double>() > 1e-2);
        // hard data in the pressure variable, and the prediction converts back to u = w^(1/m)
        var exactSolution = problem.Parameters.Exact();
        Tensor edge = tensor(new double[] { 0.3, 0, 0.6, 1 }, dtype: float64).reshape(2, 2);
        double[] w = problem.Transform(edge, full(2, 1, 7.0, dtype: float64)).data<double>().ToArray();
        Assert.Equal(Math.Pow(exactSolution.Value(0, 0.3), m), w[0], 9);
        Field exactW = x => problem.ExactTorch(x.narrow(1, 0, 1), x.narrow(1, 1, 1)).pow(m);
        var u = problem.Predict(exactW, [new("t", [0.5]), new("x", [0.1, 0.7])], float64)["u"];
        Assert.Equal(exactSolution.Value(0.1, 0.5), u[0], 9);
        Assert.Equal(0, u[1], 9);
        Assert.Throws<NeuralPDE.Core.Specs.SpecException>(() => new PorousMediumPinn(PinnTestProblems.Load("pme-1d", "law=heat", "pinn.formulation=pressure")));
    }

    [Fact]
    public void PmeFreeFrontFormHoldsTheExactTravellingWaveAndItsResidualAndDataVanishThere()
    {
        // pressure-front (the PME default): w = max(g_a(t) + (x - a) N, 0). The travelling wave w = m c (c t - x)_+ is
        // N = -m c exactly, front included; the pressure residual and the soft initial/right data then vanish, and any
        // other constant N leaves both.
        using var scope = NewDisposeScope();
        var problem = new PorousMediumPinn(PinnTestProblems.Load("pme-1d", "law=pme", "m=2", "c=0.7"));
        Assert.True(problem.PressureForm);
        Assert.Contains("free front", problem.ConstraintDescription);
        Assert.DoesNotContain("free front", new PorousMediumPinn(PinnTestProblems.Load("pme-1d", "law=heat")).ConstraintDescription);
        Assert.False(new PorousMediumPinn(PinnTestProblems.Load("pme-1d", "law=stefan")).PressureForm);
        double m = problem.Parameters.M, c = problem.Parameters.C;
        Field Model(double n) => x => problem.Transform(x, full(x.shape[0], 1, n, dtype: float64));
        Tensor pts = PinnTestProblems.RandomPoints(400, [0, 0], [1, 1], 8, (t, x) => Math.Abs(x - c * t) > 1e-3);
        Field exactW = x => problem.ExactTorch(x.narrow(1, 0, 1), x.narrow(1, 1, 1)).pow(m);
        double gap = (Model(-m * c)(pts) - exactW(pts)).abs().max().item<double>();
        Assert.True(gap < 1e-12, $"max |w - exact| = {gap:E3}");
        Assert.True(PorousMediumPinn.PressureResidual(Model(-m * c), pts, m).abs().max().item<double>() < 1e-12);
        Assert.True(PorousMediumPinn.PressureResidual(Model(-1.3 * m * c), pts, m).abs().max().item<double>() > 1e-2);
        var constraints = problem.Constraints(0, float64);
        Assert.Equal(["initial", "right"], constraints.Select(k => k.Name));
        foreach (var k in constraints)
        {
            Assert.True(k.Residual(Model(-m * c), k.Points).abs().max().item<double>() < 1e-12, k.Name);
        }
        Assert.True(constraints[0].Residual(Model(1.0), constraints[0].Points).abs().max().item<double>() > 0.5);
        // the left data are hard whatever the network says
        Tensor left = tensor(new double[] { 0.4, 0 }, dtype: float64).reshape(1, 2);
        Assert.Equal(m * c * c * 0.4, problem.Transform(left, full(1, 1, 17.0, dtype: float64)).item<double>(), 12);
    }

    [Theory]
    [InlineData("heat")]
    [InlineData("pme")]
    [InlineData("stefan")]
    public void PorousMediumResidualVanishesOnTheExactSolution(string law)
    {
        using var scope = NewDisposeScope();
        var problem = new PorousMediumPinn(PinnTestProblems.Load("pme-1d", $"law={law}", "pinn.formulation=density"));
        var exactSolution = problem.Parameters.Exact();
        // points behind the front (PME, Stefan), where the exact solution is smooth
        Func<double, double, bool> keep = law switch
        {
            "pme" => (t, x) => x < t - 0.05,
            "stefan" => (t, x) => x < 2 * StefanZ(problem) * Math.Sqrt(t) - 0.05 && t > 0.05,
            _ => (_, _) => true,
        };
        Tensor pts = PinnTestProblems.RandomPoints(300, [0, 0], [1, 1], 4, keep);
        Field exact = x => problem.ExactTorch(x.narrow(1, 0, 1), x.narrow(1, 1, 1));
        double max = PorousMediumPinn.Residual(exact, pts, problem.ExactDiffusivity).abs().max().item<double>();
        Assert.True(max < 1e-11, $"{law}: max |r| = {max:E3}");
        double[] p = pts.detach().data<double>().ToArray();
        double[] e = exact(pts).detach().data<double>().ToArray();
        Assert.Equal(exactSolution.Value(p[1], p[0]), e[0], 12);
        // a wrong law leaves a residual
        Func<Tensor, Tensor> wrong = u => 1.5 * problem.ExactDiffusivity(u) + 0.1;
        Assert.True(PorousMediumPinn.Residual(exact, pts, wrong).abs().max().item<double>() > 1e-3);
        // hard boundary data
        Tensor edge = tensor(new double[] { 0.3, 0, 0.6, 1 }, dtype: float64).reshape(2, 2);
        double[] u = problem.Transform(edge, full(2, 1, 7.0, dtype: float64)).data<double>().ToArray();
        Assert.Equal(exactSolution.Value(0, 0.3), u[0], 9);
        Assert.Equal(exactSolution.Value(1, 0.6), u[1], 9);
    }

    private static double StefanZ(PorousMediumPinn problem) => ((NeuralPDE.Core.Families.PorousMedium.StefanSolution)problem.Parameters.Exact()).Z;
}
