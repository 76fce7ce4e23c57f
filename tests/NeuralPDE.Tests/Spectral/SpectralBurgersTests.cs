using NeuralPDE.Core.Metrics;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Solvers;
using NeuralPDE.Numerics.Spectral;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuralPDE.Tests.Spectral;

/// <summary>Periodic Burgers (Fourier pseudo-spectral + ETDRK4): convergence in space and time, batching, the spec path.</summary>
public class SpectralBurgersTests
{
    private static double U0(double x) => Math.Sin(2 * Math.PI * x) + 0.5 * Math.Cos(4 * Math.PI * x);

    /// <summary>u(x, tEnd) on the 32-point grid from a solve on n points with a fixed step.</summary>
    private static double[] Solve(int n, double nu, double tEnd, double dt, int outputPoints = 32)
    {
        using var scope = NewDisposeScope();
        using var solver = new PeriodicBurgersSpectral(n, nu, CPU);
        using var run = solver.Solve(SpectralTestSupport.Grid1D(n, U0), tEnd, 2, n / outputPoints, new SpectralTimeStepping(dt, 0));
        return run.Snapshots[0, 1].data<double>().ToArray();
    }

    [Fact]
    public void SpatialErrorFallsFasterThanAnyPower()
    {
        // nu = 0.02, t = 0.15: a front steepening towards a viscous shock of width ~ nu. Same dt everywhere, so the
        // difference to the N = 512 solve is the spatial error.
        double nu = 0.02, tEnd = 0.15, dt = 5e-4;
        double[] reference = Solve(512, nu, tEnd, dt);
        int[] sizes = [32, 64, 128];
        double[] errors = sizes.Select(n => ErrorNorms.MaxAbs(Solve(n, nu, tEnd, dt), reference)).ToArray();
        // Measured: 1.3e-2, 1.4e-4, 3.9e-8 (ratios 89 and 3700: growing, unlike any algebraic order 2^p).
        Assert.True(errors[0] > 1e-3, $"N=32 should be under-resolved, error {errors[0]:E2}");
        double r1 = errors[0] / errors[1], r2 = errors[1] / errors[2];
        Assert.True(r1 > 30, $"errors {string.Join(", ", errors.Select(e => e.ToString("E2")))}");
        Assert.True(r2 > 10 * r1, $"ratios {r1:G3}, {r2:G3} should grow geometrically (spectral convergence)");
        Assert.True(errors[2] < 1e-6, $"N=128 error {errors[2]:E2}");
    }

    [Fact]
    public void EtdRk4IsFourthOrderInTime()
    {
        double nu = 0.05, tEnd = 0.2;
        double[] reference = Solve(64, nu, tEnd, tEnd / 512);
        double[] steps = [0.04, 0.02, 0.01, 0.005];
        double[] errors = steps.Select(dt => ErrorNorms.MaxAbs(Solve(64, nu, tEnd, dt), reference)).ToArray();
        double[] orders = ErrorNorms.ObservedOrders(steps, errors);
        // Measured orders: 3.80, 3.85, 3.94.
        Assert.All(orders[1..], p => Assert.InRange(p, 3.6, 4.4));
    }

    [Fact]
    public void ContourCoefficientsMatchPhiFunctions()
    {
        // Kassam–Trefethen contour means vs Taylor series / recurrence of phi_1..3, over small and large, +/- z.
        double[] linear = [0, 1e-8, -1e-8, 0.3, -0.5, -1, 1, -2.5, 4, -30, -1e3, -1e5];
        var contour = EtdRk4Coefficients.ByContour(linear, 0.1);
        var phi = EtdRk4Coefficients.ByPhiFunctions(linear, 0.1);
        for (int i = 0; i < linear.Length; i++)
        {
            foreach (var (a, b) in new[] { (contour.Q, phi.Q), (contour.F1, phi.F1), (contour.F2, phi.F2), (contour.F3, phi.F3) })
            {
                Assert.True(Math.Abs(a[i] - b[i]) <= 1e-13 * Math.Max(Math.Abs(b[i]), 1e-3), $"L={linear[i]}: {a[i]} vs {b[i]}");
            }
        }
        // z -> 0 limits: Q = h/2, f1 = h/6, f2 = h/6, f3 = h/6.
        Assert.Equal(0.05, contour.Q[0], 14);
        Assert.Equal(0.1 / 6, contour.F1[0], 14);
        Assert.Equal(0.1 / 6, contour.F2[0], 14);
        Assert.Equal(0.1 / 6, contour.F3[0], 14);
    }

    [Fact]
    public void BatchedSolveEqualsSampleBySample()
    {
        using var scope = NewDisposeScope();
        int n = 64;
        var field = new PeriodicGaussianField(1, n, Core.RandomFields.PeriodicGaussianFieldParameters.FnoBurgers);
        Tensor u0 = field.Sample([11, 12, 13], CPU);
        using var solver = new PeriodicBurgersSpectral(n, 0.1, CPU);
        var stepping = new SpectralTimeStepping(2e-3, 0); // fixed dt: independent of the batch
        using var batched = solver.Solve(u0, 0.1, 3, 2, stepping);
        Assert.Equal(new long[] { 3, 3, 32 }, batched.Snapshots.shape);
        for (int b = 0; b < 3; b++)
        {
            using var single = solver.Solve(u0[b], 0.1, 3, 2, stepping);
            double diff = SpectralTestSupport.MaxAbs(single.Snapshots[0] - batched.Snapshots[b]);
            Assert.True(diff <= 1e-14, $"sample {b}: batched vs single differ by {diff:E2}");
        }
    }

    [Fact]
    public void SpecSolveGivesFiniteConservativeTrajectory()
    {
        var spec = SpectralTestSupport.Load("burgers-1d-periodic", "reference.outputTimes=11", "reference.outputResolution=64");
        var solution = ReferenceSolvers.For(spec).Solve(spec, new SolveOptions { Resolution = 128, Seed = 3 });
        Assert.Equal(new[] { 11, 64 }, solution.Shape);
        Assert.Equal("u", solution.PrimaryField);
        Assert.All(solution.Primary.Values, v => Assert.True(double.IsFinite(v)));
        Assert.True(solution.Statistics["massDrift"] < 1e-13, $"mass drift {solution.Statistics["massDrift"]:E2}");
        // Maximum principle and viscous decay: max|u| does not grow.
        double first = solution.Primary.Slice(0).Values.Max(Math.Abs), last = solution.Primary.Slice(10).Values.Max(Math.Abs);
        Assert.True(last < first && first > 0.1, $"max|u| {first} -> {last}");
        // Same seed, same data; another seed, other data.
        var again = ReferenceSolvers.For(spec).Solve(spec, new SolveOptions { Resolution = 128, Seed = 3 });
        Assert.Equal(solution.Primary.Values, again.Primary.Values);
        var other = ReferenceSolvers.For(spec).Solve(spec, new SolveOptions { Resolution = 128, Seed = 4 });
        Assert.NotEqual(solution.Primary.Values, other.Primary.Values);
    }

    [Theory]
    [InlineData("parameters.nu=-0.1", "parameters.nu")]
    [InlineData("parameters.tEnd=0", "parameters.tEnd")]
    [InlineData("parameters.initial.alpha=0", "parameters.initial.alpha")]
    [InlineData("reference.outputResolution=48", "reference.outputResolution")]
    [InlineData("reference.cfl=-1", "reference.cfl")]
    public void BadInputIsASpecExceptionNamingTheField(string assignment, string field)
    {
        var spec = SpectralTestSupport.Load("burgers-1d-periodic", assignment);
        var e = Assert.Throws<SpecException>(() => ReferenceSolvers.For(spec).Solve(spec, new SolveOptions { Resolution = 64 }));
        Assert.Equal(field, e.Field);
        Assert.Contains(field, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void OddResolutionIsRejected()
    {
        var spec = SpectralTestSupport.Load("burgers-1d-periodic");
        var e = Assert.Throws<SpecException>(() => ReferenceSolvers.For(spec).Solve(spec, new SolveOptions { Resolution = 63 }));
        Assert.Equal("--resolution", e.Field);
    }

    [Fact]
    public void LongRunsKeepNoTensorsAlive()
    {
        // Every step's temporaries are disposed: after a 400-step solve (plus the result's disposal) the number of live
        // tensors is what it was before, so memory stays bounded however many steps run.
        using var solver = new PeriodicBurgersSpectral(64, 0.1, CPU);
        using var u0 = SpectralTestSupport.Grid1D(64, U0);
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        using (var probe = zeros(3))
        {
            Assert.Equal(before + 1, DisposeScopeManager.Statistics.ThreadTotalLiveCount); // the counter does count
        }
        using (var run = solver.Solve(u0, 0.4, 5, 1, new SpectralTimeStepping(1e-3, 0)))
        {
            Assert.Equal(400, run.Steps);
        }
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
