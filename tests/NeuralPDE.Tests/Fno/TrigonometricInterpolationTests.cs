using NeuralPDE.Learning.Fno;
using static TorchSharp.torch;

namespace NeuralPDE.Tests.Fno;

/// <summary>Trigonometric interpolation between grid nodes: exact at the nodes, exact for trigonometric polynomials of
/// the grid's period between them (odd and even node counts), and its autograd second derivatives are the analytic ones.</summary>
public class TrigonometricInterpolationTests
{
    [Theory]
    [InlineData(7, 6)]
    [InlineData(8, 9)]
    public void NodesAreReproducedExactly(int nx, int ny)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(3);
        Tensor field = randn(2, 3, nx, ny, dtype: float64);
        var nodes = new double[2 * nx * ny * 2];
        for (int b = 0, p = 0; b < 2; b++)
        {
            for (int i = 0; i < nx; i++)
            {
                for (int j = 0; j < ny; j++, p++)
                {
                    nodes[2 * p] = i;
                    nodes[2 * p + 1] = j;
                }
            }
        }
        Tensor at = TrigonometricInterpolation.At(field, tensor(nodes, [2, nx * ny, 2], dtype: float64));
        double error = (at - field.reshape(2, 3, nx * ny)).abs().max().item<double>();
        Assert.True(error < 1e-12, $"max error at the nodes {error:E3}");
    }

    [Theory]
    [InlineData(9, 7)]
    [InlineData(10, 8)]
    public void ATrigonometricPolynomialOfTheGridsPeriodIsExactBetweenNodesAndSoAreItsSecondDerivatives(int nx, int ny)
    {
        // u(s) = 0.3 + cos(2π·2 s_x/nx) sin(2π s_y/ny) + 0.5 sin(2π·3 s_x/nx): frequencies below the Nyquist limit.
        double ax = 2 * Math.PI * 2 / nx, ay = 2 * Math.PI / ny, bx = 2 * Math.PI * 3 / nx;
        double U(double sx, double sy) => 0.3 + Math.Cos(ax * sx) * Math.Sin(ay * sy) + 0.5 * Math.Sin(bx * sx);
        double Laplacian(double sx, double sy) => -(ax * ax + ay * ay) * Math.Cos(ax * sx) * Math.Sin(ay * sy) - 0.5 * bx * bx * Math.Sin(bx * sx);
        using var scope = NewDisposeScope();
        var values = new double[nx * ny];
        for (int i = 0; i < nx; i++)
        {
            for (int j = 0; j < ny; j++)
            {
                values[i * ny + j] = U(i, j);
            }
        }
        Tensor field = tensor(values, [1, 1, nx, ny], dtype: float64);
        var rng = new Random(5);
        const int n = 40;
        double[] points = Enumerable.Range(0, 2 * n).Select(k => (k % 2 == 0 ? nx - 1 : ny - 1) * rng.NextDouble()).ToArray();
        Tensor s = tensor(points, [1, n, 2], dtype: float64).requires_grad_(true);
        Tensor u = TrigonometricInterpolation.At(field, s).reshape(n);
        Tensor first = autograd.grad([u.sum()], [s], retain_graph: true, create_graph: true)[0];
        Tensor uxx = autograd.grad([first.select(2, 0).sum()], [s], retain_graph: true, create_graph: true)[0].select(2, 0);
        Tensor uyy = autograd.grad([first.select(2, 1).sum()], [s], retain_graph: true)[0].select(2, 1);
        double[] value = u.detach().data<double>().ToArray();
        double[] lap = (uxx + uyy).detach().reshape(n).data<double>().ToArray();
        for (int p = 0; p < n; p++)
        {
            double sx = points[2 * p], sy = points[2 * p + 1];
            Assert.Equal(U(sx, sy), value[p], 10);
            Assert.Equal(Laplacian(sx, sy), lap[p], 9);
        }
    }

    [Fact]
    public void MismatchedShapesAreOneLineErrors()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => TrigonometricInterpolation.At(zeros(2, 3, 5, 5), zeros(3, 4, 2)));
        Assert.Contains("expected points [2, N, 2]", e.Message);
        e = Assert.Throws<ArgumentException>(() => TrigonometricInterpolation.At(zeros(3, 5, 5), zeros(3, 4, 2)));
        Assert.Contains("expected fields [batch, channels, nx, ny]", e.Message);
    }
}
