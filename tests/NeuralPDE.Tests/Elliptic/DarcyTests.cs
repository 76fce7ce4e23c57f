using NeuralPDE.Core.Families.Darcy;
using NeuralPDE.Core.Geometry;
using NeuralPDE.Core.Metrics;
using NeuralPDE.Numerics.Poisson;
using NeuralPDE.Numerics.Solvers;
using Xunit.Abstractions;

namespace NeuralPDE.Tests.Elliptic;

/// <summary>Darcy −∇·(a∇u) = f with harmonic-mean faces against exact answers.</summary>
public class DarcyTests(ITestOutputHelper output)
{
    /// <summary>−Δu = 1 on the unit square, u = 0: the classical double sine series (odd m, n).</summary>
    private static double SquareTorsion(double x, double y)
    {
        double s = 0;
        for (int m = 1; m < 1200; m += 2)
        {
            double sx = Math.Sin(m * Math.PI * x);
            for (int n = 1; n < 1200; n += 2)
            {
                s += 16.0 / (Math.Pow(Math.PI, 4) * m * n * (m * m + n * n)) * sx * Math.Sin(n * Math.PI * y);
            }
        }
        return s;
    }

    [Fact]
    public void ConstantCoefficientReducesToScaledPoisson()
    {
        // a = 3 everywhere: u = u_P / 3 with u_P the Poisson torsion function; u_P(1/2, 1/2) = 0.0736713532814...
        var spec = EllipticTestSupport.Spec("darcy-2d", "aPositive=3", "aNegative=3");
        double exactCentre = SquareTorsion(0.5, 0.5);
        Assert.Equal(0.07367135328, exactCentre, 7);
        var errors = new List<double>();
        var h = new List<double>();
        foreach (int n in new[] { 17, 33, 65 })
        {
            var s = EllipticTestSupport.Solve(spec, n);
            Assert.All(s.Coefficient!.Values, v => Assert.Equal(3.0, v));
            int c = (n / 2) * n + n / 2;
            errors.Add(Math.Abs(s.Primary.Values[c] - exactCentre / 3));
            h.Add(1.0 / (n - 1));
        }
        double[] orders = ErrorNorms.ObservedOrders(h, errors);
        output.WriteLine($"darcy constant a=3, centre errors {EllipticTestSupport.Show(errors)}; orders {EllipticTestSupport.Show(orders)}");
        Assert.All(orders, p => Assert.InRange(p, 1.9, 2.1));
    }

    /// <summary>Exact solution of −(a u')' = f0 on (0, 1), u(0) = u(1) = 0, a = a1 on x &lt; ξ, a2 on x &gt; ξ:
    /// a u' = C − f0 x with C fixed by u(1) = 0.</summary>
    private static Func<double, double, double> Layered(double a1, double a2, double xi, double f0)
    {
        double inv = xi / a1 + (1 - xi) / a2;                            // ∫ 1/a
        double first = (xi * xi / 2) / a1 + ((1 - xi * xi) / 2) / a2;    // ∫ s/a
        double c = f0 * first / inv;
        return (x, _) => x <= xi
            ? (c * x - f0 * x * x / 2) / a1
            : (c * xi - f0 * xi * xi / 2) / a1 + (c * (x - xi) - f0 * (x * x - xi * xi) / 2) / a2;
    }

    [Fact]
    public void LayeredCoefficientMatchesExactOneDimensionalSolutionAtSecondOrder()
    {
        // a(x) = 12 left of x = 1/2, 3 right of it; with an odd number of intervals the interface lies halfway
        // between two grid lines, where the harmonic mean is the exact conductance of the two half cells.
        const double a1 = 12, a2 = 3, xi = 0.5;
        var exact = Layered(a1, a2, xi, 1.0);
        var h = new List<double>();
        var errors = new List<double>();
        foreach (int intervals in new[] { 11, 33, 99 })
        {
            var grid = new NodeGrid2D(0, 1, intervals + 1, 0, 1, intervals + 1);
            double[] a = grid.Evaluate((x, _) => x < xi ? a1 : a2);
            var system = PoissonAssembler.Assemble(BoxDomain.UnitSquare, grid, a, (_, _) => 1.0, exact);
            Assert.True(system.IsSymmetric);
            var (u, _, _) = EllipticSolve.Solve(system);
            h.Add(1.0 / intervals);
            errors.Add(ErrorNorms.MaxAbs(u, grid.Evaluate(exact)));
        }
        double[] orders = ErrorNorms.ObservedOrders(h, errors);
        output.WriteLine($"layered a (12|3): max errors {EllipticTestSupport.Show(errors)}; orders {EllipticTestSupport.Show(orders)}");
        Assert.All(orders, p => Assert.InRange(p, 1.9, 2.1));
        Assert.True(errors[^1] < 1e-5);
    }

    [Fact]
    public void HarmonicMeanGivesContinuousFluxAcrossTheInterface()
    {
        // f = 0: u is piecewise linear with one constant flux q = 1 / ∫ 1/a (u(0) = 0, u(1) = 1). The harmonic-mean
        // scheme reproduces it exactly (to rounding) and every discrete face flux −a_face (u_E − u_P)/h equals −q.
        const double a1 = 12, a2 = 3, xi = 0.5;
        double q = 1.0 / (xi / a1 + (1 - xi) / a2);
        Func<double, double, double> exact = (x, _) => x <= xi ? q * x / a1 : q * xi / a1 + q * (x - xi) / a2;
        const int n = 16; // 15 intervals
        var grid = new NodeGrid2D(0, 1, n, 0, 1, n);
        double[] a = grid.Evaluate((x, _) => x < xi ? a1 : a2);
        var system = PoissonAssembler.Assemble(BoxDomain.UnitSquare, grid, a, (_, _) => 0.0, exact);
        var (u, _, _) = EllipticSolve.Solve(system);
        Assert.True(ErrorNorms.MaxAbs(u, grid.Evaluate(exact)) < 1e-11);
        int j = n / 2;
        for (int i = 0; i < n - 1; i++)
        {
            int p = grid.Index(i, j), e = grid.Index(i + 1, j);
            double flux = -PoissonAssembler.HarmonicMean(a[p], a[e]) * (u[e] - u[p]) / grid.Hx;
            Assert.Equal(-q, flux, 9);
        }
    }

    [Fact]
    public void SampledCoefficientIsReproducibleAndResolutionIndependent()
    {
        var spec = EllipticTestSupport.Spec("darcy-2d");
        var problem = DarcyProblem.FromSpec(spec);
        var coarse = problem.Coefficient(NodeGrid2D.Square(problem.Domain.Bounds, 33), seed: 4);
        var fine = problem.Coefficient(NodeGrid2D.Square(problem.Domain.Bounds, 65), seed: 4);
        var other = problem.Coefficient(NodeGrid2D.Square(problem.Domain.Bounds, 33), seed: 5);
        for (int i = 0; i < 33; i++)
        {
            for (int j = 0; j < 33; j++)
            {
                Assert.Equal(coarse[i * 33 + j], fine[(2 * i) * 65 + 2 * j]);
            }
        }
        Assert.Contains(coarse, v => v == 12.0);
        Assert.Contains(coarse, v => v == 3.0);
        Assert.True(coarse.Zip(other).Count(p => p.First != p.Second) > 33 * 33 / 10);
    }

    [Fact]
    public void DarcySolutionIsBoundedByTheConstantCoefficientSolutions()
    {
        // Energy argument: ∫u = −2 min J_a, J_a(v) = ½ ∫ a|∇v|² − ∫ v is increasing in a, so with 3 <= a <= 12 the
        // discrete mean of u lies between mean(u_P)/12 and mean(u_P)/3 (u_P: same grid, a = 1).
        var spec = EllipticTestSupport.Spec("darcy-2d");
        var solver = ReferenceSolvers.For(spec);
        var s = solver.Solve(spec, new SolveOptions { Resolution = 65, Seed = 3 });
        var unit = EllipticTestSupport.Solve(EllipticTestSupport.Spec("darcy-2d", "aPositive=1", "aNegative=1"), 65);
        double mean = s.Primary.Values.Average(), meanP = unit.Primary.Values.Average();
        output.WriteLine($"darcy seed 3 n=65: mean u {mean:G6}, bounds [{meanP / 12:G6}, {meanP / 3:G6}], positive fraction {s.Statistics["positiveFraction"]:G3}, CG iterations {s.Statistics["iterations"]}");
        Assert.InRange(mean, meanP / 12, meanP / 3);
        Assert.True(s.Primary.Values.Min() >= 0);
        Assert.InRange(s.Statistics["positiveFraction"], 0.05, 0.95);
        Assert.Equal(s.Primary.Shape, s.Coefficient!.Shape);
        Assert.Contains("cg(ilu0", s.Solver, StringComparison.Ordinal);
        // Same seed, same answer.
        var again = solver.Solve(spec, new SolveOptions { Resolution = 65, Seed = 3 });
        Assert.Equal(s.Primary.Values, again.Primary.Values);
    }

    [Fact]
    public void ThresholdedFieldSelfConverges()
    {
        // One seed fixes the continuous coefficient at every resolution, so nested grids can be compared. The
        // coefficient jumps on curves that cut through cells, which limits the rate to about first order.
        var spec = EllipticTestSupport.Spec("darcy-2d");
        var solver = ReferenceSolvers.For(spec);
        int[] resolutions = EllipticTestSupport.Full ? [33, 65, 129, 257, 513] : [33, 65, 129];
        var solutions = resolutions.Select(n => solver.Solve(spec, new SolveOptions { Resolution = n, Seed = 1 })).ToList();
        var diffs = new List<double>();
        var relative = new List<double>();
        for (int k = 0; k + 1 < solutions.Count; k++)
        {
            diffs.Add(EllipticTestSupport.NestedMaxDifference(solutions[k], solutions[k + 1]));
            relative.Add(diffs[^1] / solutions[k + 1].Primary.Values.Max());
        }
        var orders = diffs.Zip(diffs.Skip(1), (a, b) => Math.Log2(a / b)).ToList();
        output.WriteLine($"darcy seed 1: successive max differences {EllipticTestSupport.Show(diffs)} (relative {EllipticTestSupport.Show(relative)}); orders {EllipticTestSupport.Show(orders)}");
        Assert.All(orders, q => Assert.InRange(q, 0.5, 2.5));
        Assert.True(relative[^1] < 0.05);
    }
}
