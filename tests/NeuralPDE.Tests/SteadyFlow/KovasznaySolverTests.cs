using NeuralPDE.Core.Metrics;
using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.NavierStokes;
using NeuralPDE.Numerics.Solvers;

using Xunit.Abstractions;

namespace NeuralPDE.Tests.SteadyFlow;

public class KovasznaySolverTests(ITestOutputHelper output)
{
    [Fact]
    public void RegistryServesTheSpec()
    {
        ProblemSpec spec = SteadyFlowSpecs.Load("ns-kovasznay");
        Assert.IsType<KovasznaySolver>(ReferenceSolvers.For(spec));
        Assert.Equal(20, spec.Number("parameters.re"));
    }

    [Fact]
    public void NumericalSolveConvergesAtSecondOrderToTheExactSolution()
    {
        // Two periods of sin 2 pi y on y in [-0.5, 1.5]: 17^2 is pre-asymptotic (orders 1.6-1.9), the last pair is close to 2.
        int[] sizes = SteadyFlowSpecs.Full ? [33, 65, 129] : [17, 33, 65];
        var h = new List<double>();
        var errU = new List<double>();
        var errV = new List<double>();
        var errP = new List<double>();
        foreach (int n in sizes)
        {
            ReferenceSolution s = ReferenceSolvers.For(SteadyFlowSpecs.Load("ns-kovasznay")).Solve(SteadyFlowSpecs.Load("ns-kovasznay"), new SolveOptions { Resolution = n });
            Assert.True(s.Statistics["residual"] < 1e-8, $"N = {n}: steady residual {s.Statistics["residual"]:E2}");
            Assert.True(s.Statistics["iterations"] <= 8, $"N = {n}: {s.Statistics["iterations"]} Newton iterations (quadratic convergence expected)");
            h.Add(1.5 / (n - 1));
            errU.Add(s.MaxAbsError("u")!.Value);
            errV.Add(s.MaxAbsError("v")!.Value);
            errP.Add(s.MaxAbsError("p")!.Value);
        }
        output.WriteLine($"u errors {string.Join(", ", errU)}; v {string.Join(", ", errV)}; p {string.Join(", ", errP)}");
        foreach (List<double> errors in new[] { errU, errV, errP })
        {
            double[] orders = ErrorNorms.ObservedOrders(h, errors);
            Assert.All(orders, o => Assert.InRange(o, 1.5, 2.4));
            Assert.InRange(orders[^1], 1.75, 2.3);
        }
        Assert.True(errU[^1] < (SteadyFlowSpecs.Full ? 5e-3 : 2e-2), $"max |u - exact| at N = {sizes[^1]}: {errU[^1]:E3}");
    }

    [Fact]
    public void ExactMethodReturnsTheExactFields()
    {
        ProblemSpec spec = SteadyFlowSpecs.Load("ns-kovasznay", "reference.method=\"exact\"", "reference.resolution=21");
        ReferenceSolution s = ReferenceSolvers.For(spec).Solve(spec, SolveOptions.Default);
        Assert.Equal([21, 21], s.Shape);
        Assert.Equal(-0.5, s.Axes[0].Values[0]);
        Assert.Equal(1.5, s.Axes[1].Values[^1]);
        foreach (string f in new[] { "u", "v", "p" })
        {
            Assert.Equal(0, s.RelativeL2(f));
        }
        // Node (10, 10) is (x, y) = (0.25, 0.5): u = 1 - e^{lambda/4} cos(pi).
        double lambda = 10 - Math.Sqrt(100 + 4 * Math.PI * Math.PI);
        Assert.Equal(1 + Math.Exp(lambda / 4), s.Fields["u"][10, 10], 12);
    }

    [Fact]
    public void BadInputIsReportedByField()
    {
        var e = Assert.Throws<SpecException>(() => new KovasznaySolver().Solve(SteadyFlowSpecs.Load("ns-kovasznay", "re=0"), SolveOptions.Default));
        Assert.Equal("parameters.re", e.Field);
        e = Assert.Throws<SpecException>(() => new KovasznaySolver().Solve(SteadyFlowSpecs.Load("ns-kovasznay", "xMax=-1"), SolveOptions.Default));
        Assert.Equal("parameters.xMax", e.Field);
        e = Assert.Throws<SpecException>(() => new KovasznaySolver().Solve(SteadyFlowSpecs.Load("ns-kovasznay"), new SolveOptions { Resolution = 4 }));
        Assert.Equal("reference.resolution", e.Field);
        e = Assert.Throws<SpecException>(() => new KovasznaySolver().Solve(SteadyFlowSpecs.Load("ns-kovasznay", "reference.method=\"spectral\""), SolveOptions.Default));
        Assert.Equal("reference.method", e.Field);
    }
}
