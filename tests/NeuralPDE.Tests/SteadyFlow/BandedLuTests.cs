using NeuralPDE.Numerics.NavierStokes;

namespace NeuralPDE.Tests.SteadyFlow;

public class BandedLuTests
{
    [Fact]
    public void SolvesANonsymmetricBandSystem()
    {
        const int n = 200, kl = 7, ku = 11;
        var rng = new Random(3);
        var a = new BandedLu(n, kl, ku);
        var dense = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = Math.Max(0, i - kl); j <= Math.Min(n - 1, i + ku); j++)
            {
                double value = i == j ? 20 + rng.NextDouble() : rng.NextDouble() - 0.5;
                a.Add(i, j, value);
                dense[i, j] = value;
            }
        }
        var exact = new double[n];
        for (int i = 0; i < n; i++)
        {
            exact[i] = Math.Sin(i);
        }
        var b = new double[n];
        a.Multiply(exact, b);
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int j = 0; j < n; j++)
            {
                s += dense[i, j] * exact[j];
            }
            Assert.Equal(s, b[i], 12);
        }
        a.Factor();
        var x = new double[n];
        a.Solve(b, x);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(exact[i], x[i], 12);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => new BandedLu(5, 1, 1).Add(0, 3, 1));
    }
}
