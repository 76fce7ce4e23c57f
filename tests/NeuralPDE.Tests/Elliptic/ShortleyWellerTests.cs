using NeuralPDE.Core.Geometry;
using NeuralPDE.Core.Metrics;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Poisson;
using Xunit.Abstractions;

namespace NeuralPDE.Tests.Elliptic;

/// <summary>Shortley–Weller on curved domains: manufactured solutions on a disk and a star, and the poisson-star spec.</summary>
public class ShortleyWellerTests(ITestOutputHelper output)
{
    // u = sin(2x) e^y + x² y: −Δu = 3 sin(2x) e^y − 2y.
    private static double Exact(double x, double y) => Math.Sin(2 * x) * Math.Exp(y) + x * x * y;

    private static double Source(double x, double y) => 3 * Math.Sin(2 * x) * Math.Exp(y) - 2 * y;

    private (List<double> Errors, double[] Orders) Converge(IDomain2D domain, double half, int[] resolutions, string label)
    {
        var h = new List<double>();
        var errors = new List<double>();
        foreach (int n in resolutions)
        {
            var grid = new NodeGrid2D(-half, half, n, -half, half, n);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var system = PoissonAssembler.Assemble(domain, grid, null, Source, Exact);
            double assembly = clock.Elapsed.TotalSeconds;
            Assert.False(system.IsSymmetric);
            var (u, result, name) = EllipticSolve.Solve(system);
            Assert.Contains("gmres", name, StringComparison.Ordinal);
            var exact = grid.Evaluate(Exact);
            errors.Add(ErrorNorms.MaxAbs(u, exact, system.Mask()));
            h.Add(grid.Hx);
            output.WriteLine($"{label} n={n}: unknowns {system.Unknowns}, cut arms {system.CutArms}, min θ {system.MinimumArmFraction:G3}, GMRES its {result.Iterations}, max error {errors[^1]:G4}, assembly {assembly:F3} s, solve {result.Seconds:F3} s");
        }
        double[] orders = ErrorNorms.ObservedOrders(h, errors);
        output.WriteLine($"{label} orders {EllipticTestSupport.Show(orders)}");
        return (errors, orders);
    }

    [Fact]
    public void DiskManufacturedSolutionConvergesAtSecondOrder()
    {
        var disk = new DiskDomain(0.1, -0.05, 0.9);
        var (errors, orders) = Converge(disk, 1.0, [17, 33, 65, 129], "disk");
        Assert.InRange(orders.Average(), 1.8, 2.3);
        Assert.All(orders, p => Assert.InRange(p, 1.6, 2.6));
        Assert.True(errors[^1] < 1e-4);
    }

    [Fact]
    public void StarManufacturedSolutionConvergesAtSecondOrder()
    {
        var star = new StarDomain(1.0, 0.2, 0.1);
        var (errors, orders) = Converge(star, 1.5, [17, 33, 65, 129], "star");
        Assert.InRange(orders.Average(), 1.8, 2.3);
        Assert.All(orders, p => Assert.InRange(p, 1.6, 2.6));
        Assert.True(errors[^1] < 1e-4);
    }

    [Fact]
    public void StarSpecSelfConverges()
    {
        var spec = EllipticTestSupport.Spec("poisson-star");
        int[] resolutions = EllipticTestSupport.Full ? [33, 65, 129, 257, 513] : [33, 65, 129];
        var solutions = resolutions.Select(n => EllipticTestSupport.Solve(spec, n)).ToList();
        var diffs = new List<double>();
        for (int k = 0; k + 1 < solutions.Count; k++)
        {
            diffs.Add(EllipticTestSupport.NestedMaxDifference(solutions[k], solutions[k + 1]));
        }
        var ratios = diffs.Zip(diffs.Skip(1), (a, b) => a / b).ToList();
        output.WriteLine($"poisson-star successive max differences {EllipticTestSupport.Show(diffs)}; ratios {EllipticTestSupport.Show(ratios)} (4 = second order)");
        foreach (var s in solutions)
        {
            output.WriteLine($"  {s.Solver}: iterations {s.Statistics["iterations"]}, residual {s.Statistics["residual"]:G3}, cut arms {s.Statistics["cutArms"]}");
            Assert.NotNull(s.Mask);
            Assert.Contains("gmres", s.Solver, StringComparison.Ordinal);
        }
        Assert.All(ratios, r => Assert.InRange(r, 3.0, 5.5));
        // The boundary data are attained: at (0, r(π/2)) = (0, 1.3), g(π/2) = a0 − a2 + b1 − b3 (coefficients of the spec).
        var fine = solutions[^1];
        var problem = Core.Families.Poisson.StarPoissonProblem.FromSpec(spec);
        Assert.Equal(problem.Boundary(0, 1.3), problem.BoundaryCos[0] - problem.BoundaryCos[2] + problem.BoundarySin[0] - problem.BoundarySin[2], 12);
    }

    [Fact]
    public void DegenerateStarGeometryIsRejectedNamingTheField()
    {
        var spec = EllipticTestSupport.Spec("poisson-star", "c1=1.2");
        var e = Assert.Throws<SpecException>(() => EllipticTestSupport.Solve(spec, 33));
        Assert.Equal("parameters.c1", e.Field);
        Assert.Contains("positive", e.Message, StringComparison.Ordinal);

        var small = Assert.Throws<SpecException>(() => EllipticTestSupport.Solve(EllipticTestSupport.Spec("poisson-star", "halfWidth=1.2"), 33));
        Assert.Equal("parameters.halfWidth", small.Field);

        var sines = Assert.Throws<SpecException>(() => EllipticTestSupport.Solve(EllipticTestSupport.Spec("poisson-star", "boundarySin=[1.0]"), 33));
        Assert.Equal("parameters.boundarySin", sines.Field);

        var widths = Assert.Throws<SpecException>(() => EllipticTestSupport.Solve(EllipticTestSupport.Spec("poisson-star", "widths=[0.2, 0.0, 0.1]"), 33));
        Assert.Equal("parameters.widths[1]", widths.Field);

        var coarse = Assert.Throws<SpecException>(() => EllipticTestSupport.Solve(EllipticTestSupport.Spec("poisson-star"), 5));
        Assert.Equal("reference.resolution", coarse.Field);
    }
}
