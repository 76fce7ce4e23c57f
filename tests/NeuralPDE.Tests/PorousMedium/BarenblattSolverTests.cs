using NeuralPDE.Core.Metrics;
using NeuralPDE.Core.Solutions;
using NeuralPDE.Numerics.PorousMedium;
using NeuralPDE.Numerics.Solvers;
using Xunit.Abstractions;
using static NeuralPDE.Tests.PorousMedium.PorousMediumTestSupport;

namespace NeuralPDE.Tests.PorousMedium;

/// <summary>The 2-D conservative FV/Newton/GMRES solver against the Barenblatt solution in a zero-flux box.</summary>
public class BarenblattSolverTests(ITestOutputHelper output)
{
    [Fact]
    public void Barenblatt2D_ConvergesAndConservesMass()
    {
        int[] grids = Full ? [32, 64, 128] : [16, 32, 64];
        var h = new double[grids.Length];
        var e = new double[grids.Length];
        for (int g = 0; g < grids.Length; g++)
        {
            int n = grids[g];
            ReferenceSolution r = Solve("pme-barenblatt", $"reference.resolution={n}", $"reference.timeStep={1.6 / n}");
            Assert.IsType<BarenblattSolver>(ReferenceSolvers.For(Load("pme-barenblatt")));
            h[g] = r.Statistics["h"];
            e[g] = r.RelativeL2()!.Value;
            // mass from the stored snapshots, independent of the solver's own ledger
            double m0 = SnapshotMass(r, 0, h[g] * h[g]);
            double worst = 0;
            for (int j = 1; j < r.Axes[0].Length; j++)
            {
                worst = Math.Max(worst, Math.Abs(SnapshotMass(r, j, h[g] * h[g]) - m0) / m0);
            }
            output.WriteLine($"N={n} dt={r.Statistics["dt"]:G3} relL2={e[g]:E3} newton={r.Statistics["newtonIterations"]} gmres={r.Statistics["linearIterations"]} massDrift={r.Statistics["massDrift"]:E2} snapshotMassDrift={worst:E2} s={r.Statistics["seconds"]:F2}");
            Assert.True(r.Statistics["massDrift"] <= 1e-12, $"N={n}: mass drift {r.Statistics["massDrift"]:E2}");
            Assert.True(worst <= 1e-12, $"N={n}: snapshot mass drift {worst:E2}");
            Assert.Equal(["t", "x", "y"], r.Axes.Select(a => a.Name));
        }
        double[] orders = ErrorNorms.ObservedOrders(h, e);
        output.WriteLine($"observed orders: {string.Join(", ", orders.Select(o => o.ToString("F2")))}");
        Assert.True(e[^1] <= 1e-2, $"relL2 {e[^1]:E2} on {grids[^1]}^2");
        Assert.All(orders, o => Assert.True(o > 1.0, $"order {o:F2}"));
    }

    [Fact]
    public void Barenblatt2D_BackwardEulerArithmeticMean_AlsoConservesMass()
    {
        ReferenceSolution r = Solve("pme-barenblatt", "m=2", "tEnd=3", "reference.resolution=24", "reference.timeStep=0.1",
            "reference.snapshots=3", "reference.timeScheme=backward-euler", "reference.faceMean=arithmetic");
        output.WriteLine($"m=2 BE arithmetic: relL2={r.RelativeL2():E3} massDrift={r.Statistics["massDrift"]:E2}");
        Assert.True(r.Statistics["massDrift"] <= 1e-12);
        Assert.True(r.RelativeL2() < 0.1);
    }

    [Fact]
    public void MassIsConservedAtEveryNewtonIterate_ButNotByAnInexactLinearSolve()
    {
        // Loose Newton tolerance (one or two iterations a step, residual far from converged): the fluxes still
        // telescope and the linear solve is tight, so the mass is conserved to rounding anyway.
        ReferenceSolution loose = Solve("pme-barenblatt", "reference.resolution=16", "reference.timeStep=0.25", "reference.snapshots=3",
            "reference.newtonTolerance=1e-2");
        // Negative control: an inexact linear solve (GMRES to 1e-3) leaves a visible mass defect.
        ReferenceSolution inexact = Solve("pme-barenblatt", "reference.resolution=16", "reference.timeStep=0.25", "reference.snapshots=3",
            "reference.newtonTolerance=1e-2", "reference.linearTolerance=1e-3");
        output.WriteLine($"loose Newton: iterations={loose.Statistics["newtonIterations"]} steps={loose.Statistics["steps"]} massDrift={loose.Statistics["massDrift"]:E2}; inexact GMRES: massDrift={inexact.Statistics["massDrift"]:E2}");
        Assert.True(loose.Statistics["massDrift"] <= 1e-12);
        Assert.True(inexact.Statistics["massDrift"] > 1e-10);
    }
}
