using NeuralPDE.Core.Metrics;
using NeuralPDE.Numerics.Linear;
using NeuralPDE.Numerics.Solvers;
using Xunit.Abstractions;

namespace NeuralPDE.Tests.Elliptic;

/// <summary>The 5-point scheme on the unit square against the manufactured solution of poisson-2d.</summary>
public class PoissonSquareTests(ITestOutputHelper output)
{
    [Fact]
    public void ManufacturedSolutionConvergesAtSecondOrder()
    {
        var spec = EllipticTestSupport.Spec("poisson-2d");
        int[] resolutions = [9, 17, 33, 65, 129];
        var h = new List<double>();
        var l2 = new List<double>();
        var max = new List<double>();
        foreach (int n in resolutions)
        {
            var s = EllipticTestSupport.Solve(spec, n);
            h.Add(1.0 / (n - 1));
            l2.Add(s.RelativeL2()!.Value);
            max.Add(s.MaxAbsError()!.Value);
            Assert.Contains("cg(ilu0", s.Solver, StringComparison.Ordinal);
            Assert.True(s.Statistics["residual"] < 1e-11);
        }
        double[] ordersL2 = ErrorNorms.ObservedOrders(h, l2);
        double[] ordersMax = ErrorNorms.ObservedOrders(h, max);
        output.WriteLine($"poisson-2d relL2: {EllipticTestSupport.Show(l2)}; orders {EllipticTestSupport.Show(ordersL2)}");
        output.WriteLine($"poisson-2d max:   {EllipticTestSupport.Show(max)}; orders {EllipticTestSupport.Show(ordersMax)}");
        Assert.Equal(4, ordersL2.Length);
        foreach (double p in ordersL2.Concat(ordersMax))
        {
            Assert.InRange(p, 1.9, 2.1);
        }
        Assert.True(l2[^1] < 2e-4);
    }

    [Fact]
    public void LinearSolverOverrideGivesTheSameAnswer()
    {
        var spec = EllipticTestSupport.Spec("poisson-2d", "kx=2", "gamma=-1");
        var solver = ReferenceSolvers.For(spec);
        var cg = solver.Solve(spec, new SolveOptions { Resolution = 33 });
        var gmres = solver.Solve(spec, new SolveOptions { Resolution = 33, LinearSolver = new Gmres(30, 1e-13, 5000, JacobiPreconditioner.Factory) });
        Assert.Contains("gmres(30, jacobi", gmres.Solver, StringComparison.Ordinal);
        Assert.True(ErrorNorms.MaxAbs(cg.Primary.Values, gmres.Primary.Values) < 1e-9);
        // Boundary nodes carry the Dirichlet data exactly.
        Assert.Equal(cg.Exact["u"].Values[5], cg.Primary.Values[5], 14);
    }

    [Fact]
    public void TooSmallResolutionIsAClearError()
    {
        var spec = EllipticTestSupport.Spec("poisson-2d");
        var e = Assert.Throws<Core.Specs.SpecException>(() => EllipticTestSupport.Solve(spec, 3));
        Assert.Equal("reference.resolution", e.Field);
        Assert.Contains("at least 5", e.Message, StringComparison.Ordinal);
        var bad = EllipticTestSupport.Spec("poisson-2d", "kx=0");
        var e2 = Assert.Throws<Core.Specs.SpecException>(() => EllipticTestSupport.Solve(bad, 9));
        Assert.Equal("parameters.kx", e2.Field);
    }
}
