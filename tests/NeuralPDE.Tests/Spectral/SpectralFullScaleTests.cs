using System.Diagnostics;
using NeuralPDE.Numerics.Solvers;
using NeuralPDE.Numerics.Spectral;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace NeuralPDE.Tests.Spectral;

/// <summary>
/// Full-size runs of the default specs, timed and printed (run with <c>NEURALPDE_FULL=1</c> and
/// <c>--logger "console;verbosity=detailed"</c>); without the variable they run a 1/25-length version so the checks still
/// execute. Checks: finite output, the zero vorticity mean kept, Burgers max|u| not growing.
/// </summary>
public class SpectralFullScaleTests(ITestOutputHelper output)
{
    private static bool Full => Environment.GetEnvironmentVariable("NEURALPDE_FULL") == "1";

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    public void NavierStokesDefaultSpec(int batch)
    {
        string[] sets = Full ? [] : ["parameters.tEnd=2", "reference.outputTimes=3", "reference.resolution=32"];
        var spec = SpectralTestSupport.Load("ns-vorticity-2d", sets);
        var clock = Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        using var run = TorusVorticityReferenceSolver.SolveBatch(spec, Enumerable.Range(0, batch).Select(i => (long)i).ToArray(), SolveOptions.Default);
        double seconds = clock.Elapsed.TotalSeconds;
        output.WriteLine($"ns-vorticity-2d B={batch} shape [{string.Join(", ", run.Snapshots.shape)}] tEnd={run.Times[^1]} steps={run.Steps} dt={run.MinTimeStep:G3}..{run.MaxTimeStep:G3}: {seconds:F2} s ({seconds / batch:F2} s/sample)");
        Assert.True(isfinite(run.Snapshots).all().item<bool>());
        Assert.True(SpectralTestSupport.MaxAbs(run.Snapshots.mean([2, 3])) < 1e-13);
    }

    [Fact]
    public void BurgersDefaultSpec()
    {
        string[] sets = Full ? [] : ["parameters.tEnd=0.04", "reference.outputTimes=5", "reference.resolution=256"];
        var spec = SpectralTestSupport.Load("burgers-1d-periodic", sets);
        var clock = Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        using var run = PeriodicBurgersReferenceSolver.SolveBatch(spec, [0, 1, 2, 3, 4, 5, 6, 7], SolveOptions.Default);
        output.WriteLine($"burgers-1d-periodic B=8 shape [{string.Join(", ", run.Snapshots.shape)}] steps={run.Steps} dt={run.MaxTimeStep:G3}: {clock.Elapsed.TotalSeconds:F2} s");
        Tensor maxAbs = run.Snapshots.abs().amax([2]);
        Assert.True((maxAbs[.., -1] <= maxAbs[.., 0] + 1e-12).all().item<bool>());
    }
}
