using NeuralPDE.Learning.Optimization;
using NeuralPDE.Learning.Sampling;
using static TorchSharp.torch;

namespace NeuralPDE.Tests.Pinn;

/// <summary>L-BFGS with the strong-Wolfe line search and the collocation samplers.</summary>
public class OptimizerAndSamplerTests
{
    [Fact]
    public void LbfgsFindsTheRosenbrockMinimum()
    {
        using var scope = NewDisposeScope();
        Tensor theta = tensor(new double[] { -1.2, 1.0, -0.5, 0.8 }, dtype: float64).requires_grad_(true);
        (double, Tensor) Loss()
        {
            using var inner = NewDisposeScope();
            Tensor a = theta.narrow(0, 0, 3), b = theta.narrow(0, 1, 3);
            Tensor f = (100 * (b - a.square()).square() + (1 - a).square()).sum();
            Tensor g = autograd.grad([f], [theta])[0].detach();
            return (f.item<double>(), g.MoveToOuterDisposeScope());
        }
        using var lbfgs = new Lbfgs(theta, Loss, history: 10);
        for (int i = 0; i < 200 && !lbfgs.Converged; i++)
        {
            lbfgs.Iterate();
        }
        Assert.True(lbfgs.CurrentLoss < 1e-14, $"f = {lbfgs.CurrentLoss:E3} after {lbfgs.Iterations} iterations");
        Assert.All(theta.detach().data<double>().ToArray(), v => Assert.Equal(1.0, v, 6)); // f ~ 1e-16 pins theta to ~1e-8
        Assert.True(lbfgs.Iterations < 100, $"{lbfgs.Iterations} iterations");
    }

    [Fact]
    public void LatinHypercubeHasOnePointPerStratum()
    {
        const int n = 50;
        double[] p = BoxSampler.UnitCube(CollocationMethod.LatinHypercube, n, 3, 11);
        for (int j = 0; j < 3; j++)
        {
            var strata = Enumerable.Range(0, n).Select(i => (int)Math.Floor(p[i * 3 + j] * n)).Order().ToArray();
            Assert.Equal(Enumerable.Range(0, n), strata);
        }
    }

    [Fact]
    public void HaltonIsLowDiscrepancyAndSamplersRespectTheDomain()
    {
        Assert.Equal(0.5, BoxSampler.RadicalInverse(1, 2));
        Assert.Equal(2.0 / 3 + 1.0 / 9, BoxSampler.RadicalInverse(5, 3), 15); // 5 = 12 in base 3 -> 0.21
        double[] h = BoxSampler.UnitCube(CollocationMethod.Halton, 1024, 2, 4);
        // every quarter of [0,1] in x holds 256 +- 2 points
        for (int q = 0; q < 4; q++)
        {
            int count = Enumerable.Range(0, 1024).Count(i => h[2 * i] >= q * 0.25 && h[2 * i] < (q + 1) * 0.25);
            Assert.InRange(count, 254, 258);
        }
        double[] l = BoxSampler.Sample(CollocationMethod.Uniform, 300, [-1, -1], [1, 1], 9, p => p[0] <= 0 || p[1] <= 0);
        Assert.Equal(600, l.Length);
        for (int i = 0; i < 300; i++)
        {
            Assert.True(l[2 * i] <= 0 || l[2 * i + 1] <= 0);
        }
        Assert.Equal(l, BoxSampler.Sample(CollocationMethod.Uniform, 300, [-1, -1], [1, 1], 9, p => p[0] <= 0 || p[1] <= 0));
    }
}
