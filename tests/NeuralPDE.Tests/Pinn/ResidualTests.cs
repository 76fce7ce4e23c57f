using NeuralPDE.Learning.Pinn;
using NeuralPDE.Learning.Pinn.Families;
using static TorchSharp.torch;

namespace NeuralPDE.Tests.Pinn;

/// <summary>Each family's autograd residual vanishes (to float64 round-off) when the exact solution, written as a torch
/// function, is fed through the very code used for training.</summary>
public class ResidualTests
{
    [Fact]
    public void BurgersResidualVanishesOnATravellingShock()
    {
        using var scope = NewDisposeScope();
        // u = c − a tanh(a (x − c t) / (2ν)) solves u_t + u u_x = ν u_xx exactly.
        const double nu = 0.05, a = 0.7, c = 0.2;
        Field exact = x => c - a * (a * (x.narrow(1, 1, 1) - c * x.narrow(1, 0, 1)) / (2 * nu)).tanh();
        Tensor points = PinnTestProblems.RandomPoints(500, [0, -1], [1, 1], 1);
        double max = BurgersPinn.Residual(exact, points, nu).abs().max().item<double>();
        Assert.True(max < 1e-12, $"max |r| = {max:E3}");
        // ... and does not vanish for a wrong viscosity (the test can fail)
        double wrong = BurgersPinn.Residual(exact, points, 2 * nu).abs().max().item<double>();
        Assert.True(wrong > 1e-2, $"wrong-nu residual {wrong:E3}");
    }

    [Fact]
    public void BurgersHardTransformSatisfiesInitialAndBoundaryData()
    {
        using var scope = NewDisposeScope();
        var problem = new BurgersPinn(PinnTestProblems.Load("burgers-1d"));
        Tensor x = tensor(new double[] { 0, -0.3, 0, 0.8, 0.5, -1, 0.7, 1 }, dtype: float64).reshape(4, 2);
        Tensor n = tensor(new double[] { 3, -2, 5, 7 }, dtype: float64).reshape(4, 1);
        double[] u = problem.Transform(x, n).data<double>().ToArray();
        Assert.Equal(-Math.Sin(-0.3 * Math.PI), u[0], 14);
        Assert.Equal(-Math.Sin(0.8 * Math.PI), u[1], 14);
        Assert.Equal(0, u[2], 14);
        Assert.Equal(0, u[3], 14);
    }
}
