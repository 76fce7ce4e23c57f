using NeuralPDE.Core.Specs;
using Xunit.Abstractions;

namespace NeuralPDE.Tests.Elliptic;

/// <summary>−Δu = 1 on the L-shape: self-convergence (the re-entrant corner limits the order), symmetry, bad input.</summary>
public class LShapeTests(ITestOutputHelper output)
{
    /// <summary>
    /// Theory for the 5-point scheme at a re-entrant corner of interior angle απ (here α = 3/2, u ~ r^{2/3}): the
    /// max-norm error is O(h^{1/α}) = O(h^{2/3}), attained next to the corner, while away from it the error is
    /// O(h^{2/α}) = O(h^{4/3}) (Laasonen 1958). Both rates are checked by self-convergence on nested grids.
    /// </summary>
    [Fact]
    public void SelfConvergesAtTheCornerLimitedRates()
    {
        var spec = EllipticTestSupport.Spec("poisson-lshape");
        int[] resolutions = EllipticTestSupport.Full ? [17, 33, 65, 129, 257, 513, 1025] : [17, 33, 65, 129];
        var solutions = resolutions.Select(n => EllipticTestSupport.Solve(spec, n)).ToList();
        var diffs = new List<double>();
        for (int k = 0; k + 1 < solutions.Count; k++)
        {
            diffs.Add(EllipticTestSupport.NestedMaxDifference(solutions[k], solutions[k + 1]));
        }
        var maxOrders = diffs.Zip(diffs.Skip(1), (a, b) => Math.Log2(a / b)).ToList();
        // The value at (−1/2, −1/2), away from the corner.
        var point = solutions.Select(s => s.Primary[(s.Axes[0].Length - 1) / 4, (s.Axes[1].Length - 1) / 4]).ToList();
        var pointDiffs = point.Zip(point.Skip(1), (a, b) => Math.Abs(b - a)).ToList();
        var pointOrders = pointDiffs.Zip(pointDiffs.Skip(1), (a, b) => Math.Log2(a / b)).ToList();
        double richardson = point[^1] + (point[^1] - point[^2]) / (Math.Pow(2, 4.0 / 3.0) - 1);
        output.WriteLine($"lshape successive max differences {EllipticTestSupport.Show(diffs)}; orders {EllipticTestSupport.Show(maxOrders)} (theory 2/3)");
        output.WriteLine($"lshape u(-1/2,-1/2): {string.Join(", ", point.Select(v => v.ToString("F8", System.Globalization.CultureInfo.InvariantCulture)))}; orders {EllipticTestSupport.Show(pointOrders)} (theory 4/3); Richardson(p=4/3) {richardson:F8}");
        output.WriteLine($"lshape max u on the finest grid: {solutions[^1].Primary.Values.Max():F8}");
        Assert.All(maxOrders, q => Assert.InRange(q, 0.55, 0.8));
        Assert.All(pointOrders, q => Assert.InRange(q, 1.2, 1.6));
        Assert.True(solutions.All(s => s.Primary.Values.Min() >= 0));
    }

    [Fact]
    public void SolutionIsSymmetricAboutTheDiagonalAndZeroInTheNotch()
    {
        var s = EllipticTestSupport.Solve(EllipticTestSupport.Spec("poisson-lshape"), 33);
        int n = 33;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                Assert.Equal(s.Primary[i, j], s.Primary[j, i], 10);
            }
        }
        Assert.Equal(0.0, s.Primary[24, 24]);   // (0.5, 0.5) in the removed quadrant
        Assert.Equal(0.0, s.Mask![24, 24]);
        Assert.Equal(1.0, s.Mask[16, 24]);      // (0, 0.5) on the re-entrant edge belongs to the closed domain
        Assert.Equal(0.0, s.Primary[16, 24]);
        Assert.True(s.Primary[8, 24] > 0);      // (−0.5, 0.5) inside
        Assert.Equal(0.0, s.Statistics.GetValueOrDefault("cutArms"));
    }

    [Fact]
    public void EvenResolutionIsRejected()
    {
        var e = Assert.Throws<SpecException>(() => EllipticTestSupport.Solve(EllipticTestSupport.Spec("poisson-lshape"), 64));
        Assert.Equal("reference.resolution", e.Field);
        Assert.Contains("odd", e.Message, StringComparison.Ordinal);
    }
}
