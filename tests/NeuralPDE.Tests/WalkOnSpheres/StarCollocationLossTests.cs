using NeuralPDE.Learning.Fno;
using NeuralPDE.Learning.WalkOnSpheres;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace NeuralPDE.Tests.WalkOnSpheres;

/// <summary>The autograd physics-informed baseline of the WoS-NO comparison: its points, the operator evaluated between
/// grid nodes and its Laplacian against finite differences of the same operator (its training run:
/// <see cref="WosFnoTests.ThePhysicsInformedBaselinesTrainTheSameOperatorWithoutWalks"/>).</summary>
public class StarCollocationLossTests(WosFnoData data, ITestOutputHelper output) : IClassFixture<WosFnoData>
{
    private static FnoNetwork TinyNetwork()
    {
        random.manual_seed(11);
        return new FnoNetwork(new FnoConfig { InChannels = StarPoissonOperatorData.Channels, OutChannels = 1, Modes = [5, 5], Width = 8, Layers = 2, ProjectionWidth = 16, Padding = [4, 4] });
    }

    [Fact]
    public void PointsLieInTheStarAndOnItsBoundaryCarryFAndGAndRepeatWithTheSeed()
    {
        var samples = StarPoissonOperatorData.Load(data.Star, [0, 3]);
        var loss = new StarCollocationLoss(samples, 50, 20, 1, seed: 7);
        var (x, y, f, g) = loss.Draw(1, step: 5);
        var problem = samples.Problems[1];
        var domain = problem.Domain();
        for (int p = 0; p < 50; p++)
        {
            Assert.True(domain.Contains(x[p], y[p]), $"interior point ({x[p]}, {y[p]}) outside the star");
            Assert.Equal(problem.Source(x[p], y[p]), f[p]);
        }
        for (int q = 0; q < 20; q++)
        {
            double px = x[50 + q], py = y[50 + q];
            Assert.Equal(domain.Radius(Math.Atan2(py, px)), Math.Sqrt(px * px + py * py), 12);
            Assert.Equal(problem.Boundary(px, py), g[q]);
        }
        Assert.Equal(x, loss.Draw(1, 5).X);
        Assert.NotEqual(x, loss.Draw(1, 6).X);
        Assert.NotEqual(x, new StarCollocationLoss(samples, 50, 20, 1, seed: 8).Draw(1, 5).X);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new StarCollocationLoss(samples, 0, 20, 1, 7));
        Assert.Contains("wos.training.collocation: expected an integer >= 1, got 0", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new StarCollocationLoss(samples, 10, 20, double.NaN, 7));
        Assert.Contains("wos.training.boundaryWeight", e.Message);
    }

    [Fact]
    public void BetweenNodesTheOperatorIsTheGridOperatorInterpolatedAndItsLaplacianMatchesFiniteDifferences()
    {
        var samples = StarPoissonOperatorData.Load(data.Star, [0, 3]);
        var grid = samples.Grid;
        using var network = TinyNetwork();
        using var scope = NewDisposeScope();
        random.manual_seed(2);
        Tensor input = randn(2, StarPoissonOperatorData.Channels, grid.NX, grid.NY);
        Tensor hidden = network.Hidden(input);
        var loss = new StarCollocationLoss(samples, 30, 10, 1, seed: 1);

        // At the grid nodes the interpolated-and-decoded operator is the operator itself.
        var nodes = new float[2 * grid.Count * 2];
        for (int b = 0, p = 0; b < 2; b++)
        {
            for (int i = 0; i < grid.NX; i++)
            {
                for (int j = 0; j < grid.NY; j++, p++)
                {
                    nodes[2 * p] = (float)grid.X(i);
                    nodes[2 * p + 1] = (float)grid.Y(j);
                }
            }
        }
        var (atNodes, _) = loss.Evaluate(network, hidden, tensor(nodes, [2, grid.Count, 2]), 0);
        double nodeError = (atNodes - network.forward(input).reshape(2, grid.Count)).abs().max().item<float>();
        Assert.True(nodeError < 1e-4, $"max |decode(interpolate(hidden)) - forward| at the nodes {nodeError:E3}");

        // Between nodes: the autograd Laplacian against a 5-point difference of the same continuous operator (float32:
        // step 0.1 h, tolerance for truncation and round-off).
        var (x, y, _, _) = loss.Draw(0, 0);
        const int n = 30;
        double d = 0.1 * grid.Hx;
        var stencil = new float[5 * n * 2];
        for (int p = 0; p < n; p++)
        {
            (double dx, double dy)[] offsets = [(0, 0), (d, 0), (-d, 0), (0, d), (0, -d)];
            for (int o = 0; o < 5; o++)
            {
                stencil[2 * (o * n + p)] = (float)(x[p] + offsets[o].dx);
                stencil[2 * (o * n + p) + 1] = (float)(y[p] + offsets[o].dy);
            }
        }
        Tensor points = tensor(stencil, [1, 5 * n, 2]);
        var (u, laplacian) = loss.Evaluate(network, hidden.narrow(0, 0, 1), points, n);
        float[] values = u.detach().data<float>().ToArray();
        float[] auto = laplacian.detach().data<float>().ToArray();
        double worst = 0, scale = auto.Max(v => Math.Abs(v));
        for (int p = 0; p < n; p++)
        {
            double fd = (values[n + p] + values[2 * n + p] + values[3 * n + p] + values[4 * n + p] - 4.0 * values[p]) / (d * d);
            worst = Math.Max(worst, Math.Abs(fd - auto[p]));
        }
        output.WriteLine($"max |Δu autograd - Δu differences| = {worst:E3} (max |Δu| {scale:E3})");
        Assert.True(scale > 1e-2, "the Laplacian is not trivial");
        Assert.True(worst < 0.02 * scale, $"autograd vs finite differences: {worst:E3} against max |Δu| {scale:E3}");
    }
}
