using NeuralPDE.Core.Metrics;
using NeuralPDE.Core.RandomFields;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Solvers;
using NeuralPDE.Numerics.Spectral;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuralPDE.Tests.Spectral;

/// <summary>2-D vorticity Navier–Stokes on the torus: exact Taylor–Green decay, the advection term against a closed form,
/// time orders of both schemes, batching, the spec path and bad input.</summary>
public class SpectralNavierStokesTests
{
    [Fact]
    public void TaylorGreenDecayIsExactToRoundOffWithEtdRk4()
    {
        var spec = SpectralTestSupport.Load("ns-taylor-green");
        var solution = ReferenceSolvers.For(spec).Solve(spec, SolveOptions.Default);
        int last = solution.Axes[0].Length - 1;
        Assert.Equal(1.0, solution.Axes[0].Values[last], 14);
        double error = ErrorNorms.RelativeL2(solution.Fields["omega"].Slice(last).Values, solution.Exact["omega"].Slice(last).Values);
        Assert.True(error <= 1e-10, $"relative L2 at t = 1: {error:E2}"); // measured 2.6e-15
        // The decay is visible: the amplitude falls to exp(-0.08 pi^2) = 0.454 of its start.
        double ratio = solution.Fields["omega"].Slice(last).Values.Max() / solution.Fields["omega"].Slice(0).Values.Max();
        Assert.Equal(Math.Exp(-0.08 * Math.PI * Math.PI), ratio, 10);
    }

    [Fact]
    public void TaylorGreenWithCrankNicolsonIsSecondOrder()
    {
        double[] steps = [0.1, 0.05, 0.025];
        double[] errors = steps.Select(dt =>
        {
            var spec = SpectralTestSupport.Load("ns-taylor-green", "reference.scheme=crank-nicolson", "reference.cfl=0",
                $"reference.timeStep={dt}", "reference.outputTimes=2");
            return ReferenceSolvers.For(spec).Solve(spec, new SolveOptions { Resolution = 16 }).RelativeL2()!.Value;
        }).ToArray();
        Assert.All(ErrorNorms.ObservedOrders(steps, errors), p => Assert.InRange(p, 1.9, 2.1)); // measured 2.00, 2.00
    }

    [Fact]
    public void AdvectionMatchesClosedForm()
    {
        // w = A cos 2 pi x + B cos 4 pi y: psi = A cos(2 pi x)/(4 pi^2) + B cos(4 pi y)/(16 pi^2),
        // u = psi_y, v = -psi_x, and u w_x + v w_y = -1.5 A B sin(2 pi x) sin(4 pi y).
        using var scope = NewDisposeScope();
        int n = 16;
        double a = 0.7, b = -1.3;
        Tensor w = SpectralTestSupport.Grid2D(n, (x, y) => a * Math.Cos(2 * Math.PI * x) + b * Math.Cos(4 * Math.PI * y));
        Tensor expected = SpectralTestSupport.Grid2D(n, (x, y) => -1.5 * a * b * Math.Sin(2 * Math.PI * x) * Math.Sin(4 * Math.PI * y));
        using var solver = new TorusVorticitySpectral(n, 1e-3, null, VorticityScheme.EtdRk4, CPU);
        Tensor advection = fft.irfft2(solver.Advection(fft.rfft2(w.unsqueeze(0))), [n, n])[0];
        Assert.True(SpectralTestSupport.MaxAbs(advection - expected) < 1e-13);
        var (u, v) = solver.Velocity(fft.rfft2(w.unsqueeze(0)));
        Tensor uExpected = SpectralTestSupport.Grid2D(n, (x, y) => -b * Math.Sin(4 * Math.PI * y) / (4 * Math.PI));
        Tensor vExpected = SpectralTestSupport.Grid2D(n, (x, y) => a * Math.Sin(2 * Math.PI * x) / (2 * Math.PI));
        Assert.True(SpectralTestSupport.MaxAbs(u[0] - uExpected) < 1e-15);
        Assert.True(SpectralTestSupport.MaxAbs(v[0] - vExpected) < 1e-15);
    }

    [Fact]
    public void ForcedFlowTimeOrdersAreFourForEtdRk4AndOneForCrankNicolson()
    {
        using var scope = NewDisposeScope();
        int n = 32;
        double tEnd = 1;
        Tensor w0 = new PeriodicGaussianField(2, n, PeriodicGaussianFieldParameters.FnoNavierStokes).Sample([1, 2], CPU);
        Tensor forcing = TorusVorticityReferenceSolver.Forcing(n, 0.1, CPU);
        Tensor Run(VorticityScheme scheme, double dt)
        {
            using var solver = new TorusVorticitySpectral(n, 1e-3, forcing, scheme, CPU);
            using var run = solver.Solve(w0, tEnd, 2, 1, new SpectralTimeStepping(dt, 0));
            return run.Snapshots.select(1, 1).clone();
        }
        Tensor reference = Run(VorticityScheme.EtdRk4, tEnd / 200);
        double[] etdSteps = [0.2, 0.1, 0.05];
        double[] etdErrors = etdSteps.Select(dt => SpectralTestSupport.MaxAbs(Run(VorticityScheme.EtdRk4, dt) - reference)).ToArray();
        Assert.All(ErrorNorms.ObservedOrders(etdSteps, etdErrors), p => Assert.InRange(p, 3.7, 4.3)); // measured 4.04, 4.00
        double[] cnSteps = [0.02, 0.01];
        double[] cnErrors = cnSteps.Select(dt => SpectralTestSupport.MaxAbs(Run(VorticityScheme.CrankNicolson, dt) - reference)).ToArray();
        Assert.InRange(ErrorNorms.ObservedOrders(cnSteps, cnErrors)[0], 0.9, 1.1); // measured 1.01
    }

    [Theory]
    [InlineData(VorticityScheme.EtdRk4)]
    [InlineData(VorticityScheme.CrankNicolson)]
    public void BatchedSolveEqualsSampleBySample(VorticityScheme scheme)
    {
        using var scope = NewDisposeScope();
        int n = 32;
        Tensor w0 = new PeriodicGaussianField(2, n, PeriodicGaussianFieldParameters.FnoNavierStokes).Sample([21, 22, 23], CPU);
        using var solver = new TorusVorticitySpectral(n, 1e-3, TorusVorticityReferenceSolver.Forcing(n, 0.1, CPU), scheme, CPU);
        var stepping = new SpectralTimeStepping(0.02, 0);
        using var batched = solver.Solve(w0, 0.2, 3, 2, stepping);
        Assert.Equal(new long[] { 3, 3, 16, 16 }, batched.Snapshots.shape);
        for (int b = 0; b < 3; b++)
        {
            using var single = solver.Solve(w0[b], 0.2, 3, 2, stepping);
            double diff = SpectralTestSupport.MaxAbs(single.Snapshots[0] - batched.Snapshots[b]);
            Assert.True(diff <= 1e-14, $"sample {b}: batched vs single differ by {diff:E2}");
        }
    }

    [Fact]
    public void SpecSolveStartsFromTheSeededFieldAndConservesTheMean()
    {
        var spec = SpectralTestSupport.Load("ns-vorticity-2d", "parameters.tEnd=0.5", "reference.outputTimes=3", "reference.outputResolution=16");
        var solution = ReferenceSolvers.For(spec).Solve(spec, new SolveOptions { Resolution = 32, Seed = 9 });
        Assert.Equal(new[] { 3, 16, 16 }, solution.Shape);
        Assert.Equal("omega", solution.PrimaryField);
        using var scope = NewDisposeScope();
        var field = new PeriodicGaussianField(2, 32, PeriodicGaussianFieldParameters.FromSpec(spec, "parameters.initial"));
        double[] w0 = field.Sample(9, CPU).slice(0, 0, 32, 2).slice(1, 0, 32, 2).contiguous().data<double>().ToArray();
        Assert.Equal(w0, solution.Primary.Slice(0).Values);
        // Forcing and advection have zero mean, so the (zero) mean vorticity is conserved.
        Assert.True(Math.Abs(solution.Primary.Slice(2).Values.Average()) < 1e-14);
        Assert.True(solution.Statistics["dtMax"] <= 0.01);
        Assert.All(solution.Primary.Values, v => Assert.True(double.IsFinite(v)));
    }

    [Theory]
    [InlineData("ns-vorticity-2d", "parameters.nu=-1e-3", "parameters.nu")]
    [InlineData("ns-vorticity-2d", "reference.scheme=euler", "reference.scheme")]
    [InlineData("ns-vorticity-2d", "reference.timeStep=0", "reference.timeStep")]
    [InlineData("ns-taylor-green", "parameters.wavenumber=11", "parameters.wavenumber")]
    [InlineData("ns-taylor-green", "parameters.nu=0", "parameters.nu")]
    public void BadInputIsASpecExceptionNamingTheField(string problem, string assignment, string field)
    {
        var spec = SpectralTestSupport.Load(problem, assignment);
        var e = Assert.Throws<SpecException>(() => ReferenceSolvers.For(spec).Solve(spec, new SolveOptions { Resolution = 32 }));
        Assert.Equal(field, e.Field);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void LongRunsKeepNoTensorsAlive()
    {
        int n = 16;
        using var forcing = TorusVorticityReferenceSolver.Forcing(n, 0.1, CPU);
        using var solver = new TorusVorticitySpectral(n, 1e-3, forcing, VorticityScheme.EtdRk4, CPU);
        using var w0 = SpectralTestSupport.Grid2D(n, (x, y) => Math.Sin(2 * Math.PI * x) * Math.Cos(2 * Math.PI * y));
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        using (var run = solver.Solve(w0, 2, 5, 1, new SpectralTimeStepping(0.01, 0.5)))
        {
            Assert.True(run.Steps >= 200);
        }
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
