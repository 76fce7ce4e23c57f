using NeuralPDE.Core.Families.Burgers;
using NeuralPDE.Core.Metrics;
using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Burgers;
using NeuralPDE.Numerics.Solvers;
using NeuralPDE.Numerics.Spectral;
using Xunit.Abstractions;

namespace NeuralPDE.Tests.Burgers;

public sealed class BurgersChebyshevSolverTests(ITestOutputHelper output)
{
    private static ProblemSpec Spec(params string[] overrides) => ProblemCatalog.Problems().Load("burgers-1d", overrides);

    private static ReferenceSolution Solve(int n, double dt, double mapScale = 0.01, int outputTimes = 100) =>
        new BurgersReferenceSolver().Solve(
            Spec($"reference.timeStep={dt:R}", $"reference.mapScale={mapScale:R}", $"reference.outputTimes={outputTimes}"),
            new SolveOptions { Resolution = n });

    [Fact]
    public void ChebyshevMatrixDifferentiatesPolynomialsExactly()
    {
        const int n = 12;
        double[] xi = ChebyshevCollocation.LobattoPoints(n);
        double[] d = ChebyshevCollocation.DifferentiationMatrix(n);
        for (int i = 0; i <= n; i++)
        {
            double s = 0;
            for (int j = 0; j <= n; j++)
            {
                s += d[i * (n + 1) + j] * Math.Pow(xi[j], 7);
            }
            Assert.Equal(7 * Math.Pow(xi[i], 6), s, 11);
        }
        double[] p = ChebyshevCollocation.InterpolationMatrix(n, [0.123, -0.77, 1.0]);
        for (int q = 0; q < 3; q++)
        {
            double target = new[] { 0.123, -0.77, 1.0 }[q];
            double s = 0;
            for (int j = 0; j <= n; j++)
            {
                s += p[q * (n + 1) + j] * Math.Pow(xi[j], 9);
            }
            Assert.Equal(Math.Pow(target, 9), s, 13);
        }
    }

    [Fact]
    public void CheapSettingMatchesColeHopfOnTheMatGrid()
    {
        ReferenceSolution s = Solve(48, 2e-3);
        Assert.Equal(new[] { 100, 256 }, s.Shape);
        Assert.Equal(0.99, s.Axes[0].Values[^1], 14);
        Assert.Equal(-1.0, s.Axes[1].Values[0]);
        double rel = s.RelativeL2()!.Value;
        output.WriteLine($"{s.Solver}: rel L2 {rel:E3}, max abs {s.MaxAbsError():E3}, steps {s.Statistics["steps"]}, {s.Statistics["seconds"]:F2} s");
        Assert.True(rel < 2e-5, $"rel L2 {rel:E3}");
        Assert.Equal(495, s.Statistics["steps"]);
        Assert.Equal(49, s.Statistics["points"]);
    }

    [Fact]
    public void ErrorFallsExponentiallyWithResolution()
    {
        int[] degrees = [32, 40, 48];
        double[] errors = degrees.Select(n => Solve(n, 1e-3, outputTimes: 34).RelativeL2()!.Value).ToArray();
        output.WriteLine("N " + string.Join(", ", degrees) + ": rel L2 " + string.Join(", ", errors.Select(e => e.ToString("E3"))));
        // Geometric convergence: each +8 in degree gains a factor > 5 (measured ~10).
        Assert.True(errors[0] / errors[1] > 5 && errors[1] / errors[2] > 5, string.Join(", ", errors));
        Assert.True(errors[2] < 2e-5);
    }

    [Fact]
    public void TimeSteppingIsFourthOrder()
    {
        // Spatially converged (N = 80) so that the time error dominates.
        double[] steps = [1e-2, 5e-3];
        double[] errors = steps.Select(dt => Solve(80, dt, outputTimes: 34).RelativeL2()!.Value).ToArray();
        double order = ErrorNorms.ObservedOrders(steps, errors)[0];
        output.WriteLine($"dt {steps[0]}, {steps[1]}: rel L2 {errors[0]:E3}, {errors[1]:E3}; observed order {order:F2}");
        Assert.InRange(order, 3.5, 5.0);
    }

    [Fact]
    public void UnmappedChebyshevCannotResolveTheShock()
    {
        // The reason for the sinh map: plain Gauss-Lobatto points at the same cost are far off.
        double mapped = Solve(48, 2e-3, outputTimes: 12).RelativeL2()!.Value;
        Assert.True(mapped < 2e-5);
        try
        {
            double plain = Solve(48, 2e-3, mapScale: 0, outputTimes: 12).RelativeL2()!.Value;
            output.WriteLine($"N=48: mapped {mapped:E3}, unmapped {plain:E3}");
            Assert.True(plain > 100 * mapped, $"unmapped {plain:E3} vs mapped {mapped:E3}");
        }
        catch (InvalidOperationException e)
        {
            output.WriteLine($"N=48: mapped {mapped:E3}, unmapped: {e.Message}");
            Assert.Contains("blew up", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DefaultSpecReachesTheTarget()
    {
        // The spec's defaults (N = 128, dt = 5e-4) on the 100 x 256 grid; FULL also runs a finer check.
        ProblemSpec spec = Spec();
        IReferenceSolver solver = ReferenceSolvers.For(spec);
        Assert.IsType<BurgersReferenceSolver>(solver);
        ReferenceSolution s = solver.Solve(spec, SolveOptions.Default);
        double rel = s.RelativeL2()!.Value;
        output.WriteLine($"{s.Solver}: rel L2 {rel:E3}, max abs {s.MaxAbsError():E3}, {s.Statistics["seconds"]:F2} s solve, {s.Statistics["exactSeconds"]:F2} s Cole-Hopf");
        Assert.True(rel <= 1e-5, $"rel L2 {rel:E3}");
        // Against the published data directly (same 100 x 256 grid, [t, x] row-major).
        double[] published = BurgersTestData.ShockFile.Get("usol").TransposedRowMajor();
        double relMat = ErrorNorms.RelativeL2(s.Primary.Values, published);
        output.WriteLine($"vs burgers_shock.mat: rel L2 {relMat:E3}, max abs {ErrorNorms.MaxAbs(s.Primary.Values, published):E3}");
        Assert.True(relMat <= 1e-5, $"rel L2 vs .mat {relMat:E3}");
        Assert.True(ErrorNorms.MaxAbs(s.Axes[1].Values, BurgersTestData.ShockFile.Get("x").ToVector()) < 1e-15);
        Assert.True(ErrorNorms.MaxAbs(s.Axes[0].Values, BurgersTestData.ShockFile.Get("t").ToVector()) < 1e-15);
        if (BurgersTestData.Full)
        {
            ReferenceSolution fine = Solve(192, 2.5e-4);
            output.WriteLine($"{fine.Solver}: rel L2 {fine.RelativeL2():E3}, max abs {fine.MaxAbsError():E3}, {fine.Statistics["seconds"]:F2} s");
            Assert.True(fine.RelativeL2() <= 1e-9);
        }
    }

    [Fact]
    public void BadSpecValuesNameTheField()
    {
        var solver = new BurgersReferenceSolver();
        var nu = Assert.Throws<SpecException>(() => solver.Solve(Spec("nu=-0.1"), SolveOptions.Default));
        Assert.Equal("parameters.nu", nu.Field);
        Assert.Contains("parameters.nu", nu.Message, StringComparison.Ordinal);

        Assert.Equal("parameters.xMin", Assert.Throws<SpecException>(() => BurgersParameters.FromSpec(Spec("xMin=0"))).Field);
        Assert.Equal("parameters.tEnd", Assert.Throws<SpecException>(() => BurgersParameters.FromSpec(Spec("tEnd=0"))).Field);
        Assert.Equal("reference.timeStep", Assert.Throws<SpecException>(() => solver.Solve(Spec("reference.timeStep=0.5"), SolveOptions.Default)).Field);
        Assert.Equal("reference.resolution", Assert.Throws<SpecException>(() => solver.Solve(Spec("reference.resolution=\"many\""), SolveOptions.Default)).Field);
        Assert.Equal("reference.mapScale", Assert.Throws<SpecException>(() => solver.Solve(Spec("reference.mapScale=-1"), SolveOptions.Default)).Field);
        Assert.Equal("resolution", Assert.Throws<SpecException>(() => solver.Solve(Spec(), new SolveOptions { Resolution = 2 })).Field);
    }
}
