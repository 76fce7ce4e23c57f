using NeuralPDE.Core.Families.PorousMedium;
using NeuralPDE.Core.Metrics;
using NeuralPDE.Core.Solutions;
using NeuralPDE.Numerics.PorousMedium;
using NeuralPDE.Numerics.Solvers;
using Xunit.Abstractions;
using static NeuralPDE.Tests.PorousMedium.PorousMediumTestSupport;

namespace NeuralPDE.Tests.PorousMedium;

/// <summary>The 1-D conservative FV/Newton solver against the exact heat, PME and Stefan solutions.</summary>
public class Gpme1DSolverTests(ITestOutputHelper output)
{
    private (double[] H, double[] Errors, ReferenceSolution[] Runs) Study(string law, double tEnd, int[] grids, params string[] extra)
    {
        var h = new double[grids.Length];
        var e = new double[grids.Length];
        var runs = new ReferenceSolution[grids.Length];
        for (int g = 0; g < grids.Length; g++)
        {
            int n = grids[g];
            string[] overrides = [$"law={law}", $"tEnd={tEnd}", $"reference.resolution={n}", $"reference.timeStep={0.2 * tEnd / n}", "reference.outputTimes=10", .. extra];
            runs[g] = Solve("pme-1d", overrides);
            h[g] = runs[g].Statistics["h"];
            e[g] = runs[g].RelativeL2()!.Value;
            output.WriteLine($"{law} N={n} dt={runs[g].Statistics["dt"]:G3} relL2={e[g]:E3} newton={runs[g].Statistics["newtonIterations"]} picard={runs[g].Statistics["picardIterations"]} massDrift={runs[g].Statistics["massDrift"]:E2} s={runs[g].Statistics["seconds"]:F2}");
            Assert.True(runs[g].Statistics["massDrift"] <= 1e-12, $"{law} N={n}: discrete mass balance defect {runs[g].Statistics["massDrift"]:E2}");
        }
        output.WriteLine($"{law} observed orders: {string.Join(", ", ErrorNorms.ObservedOrders(h, e).Select(o => o.ToString("F2")))}");
        return (h, e, runs);
    }

    [Fact]
    public void Heat_SecondOrderConvergence()
    {
        var (h, e, _) = Study("heat", 1.0, Full ? [25, 50, 100, 200, 400] : [25, 50, 100]);
        double[] orders = ErrorNorms.ObservedOrders(h, e);
        Assert.All(orders, o => Assert.InRange(o, 1.8, 2.3));
        Assert.True(e[^1] < 2e-4, $"heat relL2 {e[^1]:E2}");
    }

    [Fact]
    public void Pme_m3_ConvergesToTravellingWave()
    {
        var (h, e, runs) = Study("pme", 1.0, Full ? [25, 50, 100, 200, 400] : [25, 50, 100]);
        for (int g = 1; g < e.Length; g++)
        {
            Assert.True(e[g] < 0.75 * e[g - 1], $"PME error not decreasing: {e[g - 1]:E2} -> {e[g]:E2}");
        }
        Assert.True(ErrorNorms.ObservedOrders(h, e).Average() > 0.7);
        Assert.True(e[^1] < 6e-3, $"PME relL2 {e[^1]:E2}");
        // mass at tEnd: discrete mass (grown only through the boundary fluxes) against the exact ∫u dx
        var wave = new PmeTravellingWave(3, 1, 0);
        ReferenceSolution fine = runs[^1];
        double mass = fine.Statistics["finalMass"];
        Assert.True(Math.Abs(mass - wave.Mass(1.0)) < 1e-2 * wave.Mass(1.0), $"mass {mass} vs exact {wave.Mass(1.0)}");
        Assert.Equal(fine.Statistics["boundaryInflow"], mass, 10);
    }

    [Fact]
    public void Stefan_ProbConservWindow_ConvergesUnderRefinement()
    {
        // ProbConserv's Stefan window t ∈ [0, 0.1]; the exact step k (δ = 0) in Kirchhoff/enthalpy form.
        var (_, e, _) = Study("stefan", 0.1, Full ? [50, 100, 200, 400, 800] : [50, 100, 200, 400]);
        for (int g = 1; g < e.Length; g++)
        {
            Assert.True(e[g] < e[g - 1], $"Stefan error not decreasing: {e[g - 1]:E2} -> {e[g]:E2}");
        }
        Assert.True(e[0] / e[^1] > 3, $"Stefan: 8x refinement reduced the error only {e[0] / e[^1]:F2}x");
        Assert.True(e[^1] < 2e-2, $"Stefan relL2 {e[^1]:E2}");
    }

    [Fact]
    public void Stefan_SmoothedArithmeticMean_ConvergesMoreSlowly()
    {
        // k regularised over δ = 0.02 with the arithmetic face mean: Newton converges without Picard, but the
        // front flux (1/2)(u_L − u_R)/h is not the enthalpy flux, and the error decays only like h^0.4
        // (measured 8.96e-2, 6.69e-2, 4.98e-2 for N = 100, 200, 400) against h^0.6 for the Kirchhoff form.
        var (_, e, runs) = Study("stefan", 0.1, [100, 200], "reference.faceMean=arithmetic", "reference.stefanSmoothing=0.02");
        Assert.True(e[^1] < 8e-2, $"smoothed Stefan relL2 {e[^1]:E2}");
        Assert.True(e[1] < 0.85 * e[0]);
        Assert.All(runs, r => Assert.Equal(0, r.Statistics["picardIterations"]));
    }

    [Fact]
    public void Stefan_FrontPositionTracksExactFront()
    {
        ReferenceSolution r = Solve("pme-1d", "law=stefan", "tEnd=0.1", "reference.resolution=200", "reference.timeStep=0.0001", "reference.outputTimes=4");
        var s = new StefanSolution(0.5, 0);
        double[] x = r.Axes[1].Values;
        double h = x[1] - x[0];
        for (int j = 1; j < r.Axes[0].Length; j++)
        {
            double t = r.Axes[0].Values[j];
            double[] u = r.Primary.Slice(j).Values;
            // enthalpy front: the right edge of the last cell at or above u*, plus the fill fraction of the next one
            int i = Array.FindLastIndex(u, v => v >= 0.5);
            double front = x[i] + 0.5 * h + (i + 1 < u.Length ? u[i + 1] / 0.5 * h : 0);
            output.WriteLine($"t={t:G3} front={front:F4} exact={s.Front(t):F4}");
            Assert.True(Math.Abs(front - s.Front(t)) < 2 * h, $"front {front} vs {s.Front(t)} at t = {t}");
        }
    }

    [Fact]
    public void DefaultSpec_ResolvesToTheFvSolver_AndReportsStatistics()
    {
        var spec = Load("pme-1d", "reference.resolution=40", "reference.timeStep=0.01", "reference.outputTimes=5");
        IReferenceSolver solver = ReferenceSolvers.For(spec);
        Assert.IsType<Gpme1DSolver>(solver);
        ReferenceSolution r = solver.Solve(spec, SolveOptions.Default);
        Assert.Equal(["t", "x"], r.Axes.Select(a => a.Name));
        Assert.Equal([6, 40], r.Shape);
        Assert.Equal(1.0, r.Axes[0].Values[^1], 14);
        foreach (string key in new[] { "newtonIterations", "steps", "massDrift", "seconds" })
        {
            Assert.True(r.Statistics.ContainsKey(key), key);
        }
        Assert.Equal(100, r.Statistics["steps"]);
        Assert.True(r.RelativeL2() < 0.05);
    }
}
