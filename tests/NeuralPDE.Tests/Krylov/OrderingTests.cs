using NeuralPDE.Numerics.Krylov;

namespace NeuralPDE.Tests.Krylov;

/// <summary>The greedy nearest-neighbour chain and its grouped variant.</summary>
public class OrderingTests
{
    private static List<double[]> RandomPoints(int count, int dim, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, dim).Select(_ => rng.NextDouble()).ToArray()).ToList();
    }

    private static void AssertPermutation(int[] order, int count)
    {
        Assert.Equal(count, order.Length);
        Assert.Equal(Enumerable.Range(0, count), order.OrderBy(i => i));
    }

    [Fact]
    public void GreedyChainFollowsAPointsOnALine()
    {
        // points 0, 5, 1, 4, 2, 3 on a line at positions 0, 5, 1, 4, 2, 3: the chain from system 0 walks 0,1,2,3,4,5 in position.
        double[] positions = [0, 5, 1, 4, 2, 3];
        var parameters = positions.Select(p => new[] { p, 2 * p }).ToList();
        int[] order = SystemOrdering.GreedyChain(parameters);
        Assert.Equal([0, 2, 4, 5, 3, 1], order);
    }

    [Fact]
    public void GreedyChainVisitsEachSystemOnceDeterministicallyAndShortensTheChain()
    {
        var points = RandomPoints(150, 6, 1);
        int[] a = SystemOrdering.GreedyChain(points);
        int[] b = SystemOrdering.GreedyChain(points);
        AssertPermutation(a, points.Count);
        Assert.Equal(a, b);
        Assert.Equal(0, a[0]);
        double natural = SystemOrdering.ChainLength(points, SystemOrdering.Natural(points.Count));
        double greedy = SystemOrdering.ChainLength(points, a);
        Assert.True(greedy < 0.6 * natural, $"greedy chain {greedy:F2} vs natural {natural:F2}");
        // ties go to the lower index
        Assert.Equal([0, 1, 2], SystemOrdering.GreedyChain([[0.0], [1.0], [-1.0]]));
    }

    [Fact]
    public void GroupedChainIsAPermutationAndNearlyAsShortAsTheFullChain()
    {
        var points = RandomPoints(300, 4, 2);
        int[] grouped = SystemOrdering.GroupedGreedyChain(points, 50);
        AssertPermutation(grouped, points.Count);
        Assert.Equal(grouped, SystemOrdering.GroupedGreedyChain(points, 50));
        double natural = SystemOrdering.ChainLength(points, SystemOrdering.Natural(points.Count));
        double full = SystemOrdering.ChainLength(points, SystemOrdering.GreedyChain(points));
        double g = SystemOrdering.ChainLength(points, grouped);
        Assert.True(g < 0.75 * natural, $"grouped {g:F2} vs natural {natural:F2}");
        Assert.True(g < 2.0 * full, $"grouped {g:F2} vs full greedy {full:F2}");
        Assert.Empty(SystemOrdering.GreedyChain([]));
    }
}
