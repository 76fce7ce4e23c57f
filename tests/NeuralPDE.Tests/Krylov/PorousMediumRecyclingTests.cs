using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Krylov;
using NeuralPDE.Numerics.Linear;
using NeuralPDE.Numerics.PorousMedium;
using NeuralPDE.Numerics.Solvers;
using Xunit.Abstractions;

namespace NeuralPDE.Tests.Krylov;

/// <summary>GCRO-DR plugged into the 2-D porous-medium Newton solver through <see cref="SolveOptions.LinearSolver"/>:
/// the recycle space carries over between Newton steps and time steps (each Jacobian is a new matrix, so C = A U is
/// re-formed), and the solution must agree with the GMRES one. (Measured: these Jacobians are mass-dominated and
/// well conditioned, ~23 GMRES iterations a solve, and recycling does not cut iterations here: 802 vs 718.)</summary>
public class PorousMediumRecyclingTests(ITestOutputHelper output)
{
    [Fact]
    public void NewtonAndTimeStepsRecycleTheKrylovSubspace()
    {
        ProblemSpec spec = ProblemCatalog.Problems().Load("pme-barenblatt", ["reference.resolution=32", "reference.timeStep=0.1", "reference.snapshots=3", "tEnd=2"]);
        double tol = spec.Number("reference.linearTolerance");
        ReferenceSolution gmres = new BarenblattSolver().Solve(spec, new SolveOptions { LinearSolver = new Gmres(20, tol, 20_000) });
        ReferenceSolution gcro = new BarenblattSolver().Solve(spec, new SolveOptions { LinearSolver = new GcroDr(20, 8, tol, 20_000) });
        double itsGmres = gmres.Statistics["linearIterations"], itsGcro = gcro.Statistics["linearIterations"];
        output.WriteLine($"linear iterations: GMRES(20) {itsGmres}, GCRO-DR(20,8) {itsGcro}; newton {gmres.Statistics["newtonIterations"]} / {gcro.Statistics["newtonIterations"]}");
        Assert.True(itsGcro > 0 && itsGmres > 0);
        double[] a = gmres.Fields["u"].Values, b = gcro.Fields["u"].Values;
        double diff = a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
        Assert.True(diff < 1e-9 * a.Max(Math.Abs), $"solutions differ by {diff:E2}");
        Assert.True(gcro.Statistics["massDrift"] <= 1e-12);
    }
}
