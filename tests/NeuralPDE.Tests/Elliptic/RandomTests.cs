using NeuralPDE.Core.Random;

namespace NeuralPDE.Tests.Elliptic;

/// <summary>The seeded generators reproduce the reference streams; the GRF has the prescribed covariance.</summary>
public class RandomTests
{
    [Fact]
    public void SplitMix64MatchesReferenceOutput()
    {
        var sm = new SplitMix64(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, sm.Next());
    }

    [Fact]
    public void Xoshiro256StarStarMatchesReferenceOutput()
    {
        // Reference C implementation (Blackman & Vigna) from state {1, 2, 3, 4}.
        var g = Xoshiro256StarStar.FromState(1, 2, 3, 4);
        Assert.Equal(11520UL, g.NextUInt64());
        Assert.Equal(0UL, g.NextUInt64());
        Assert.Equal(1509978240UL, g.NextUInt64());
        Assert.Equal(1215971899390074240UL, g.NextUInt64());
    }

    [Fact]
    public void GaussianDeviatesHaveUnitVarianceAndStreamsAreReproducible()
    {
        var g = Xoshiro256StarStar.ForStream(42, 0);
        const int n = 200_000;
        double s = 0, s2 = 0, s4 = 0;
        for (int i = 0; i < n; i++)
        {
            double z = g.NextGaussian();
            s += z;
            s2 += z * z;
            s4 += z * z * z * z;
        }
        Assert.InRange(s / n, -0.01, 0.01);
        Assert.InRange(s2 / n, 0.98, 1.02);
        Assert.InRange(s4 / n, 2.9, 3.1);
        Assert.Equal(Xoshiro256StarStar.ForStream(7, 3).NextUInt64(), Xoshiro256StarStar.ForStream(7, 3).NextUInt64());
        Assert.NotEqual(Xoshiro256StarStar.ForStream(7, 3).NextUInt64(), Xoshiro256StarStar.ForStream(7, 4).NextUInt64());
    }

    [Fact]
    public void CosineFieldHasTheKarhunenLoeveVariance()
    {
        // Var u(x, y) = τ^{2α−2} Σ_{k≠0} (π²|k|² + τ²)^{−α} φ_k1(x)² φ_k2(y)².
        const double alpha = 2, tau = 3, x = 0.3, y = 0.8;
        const int modes = 12, samples = 4000;
        double expected = 0;
        for (int k1 = 0; k1 < modes; k1++)
        {
            for (int k2 = 0; k2 < modes; k2++)
            {
                if (k1 + k2 == 0)
                {
                    continue;
                }
                double phi = (k1 == 0 ? 1 : Math.Sqrt(2) * Math.Cos(k1 * Math.PI * x)) * (k2 == 0 ? 1 : Math.Sqrt(2) * Math.Cos(k2 * Math.PI * y));
                expected += Math.Pow(tau, 2 * alpha - 2) * Math.Pow(Math.PI * Math.PI * (k1 * k1 + k2 * k2) + tau * tau, -alpha) * phi * phi;
            }
        }
        double s = 0, s2 = 0;
        for (int k = 0; k < samples; k++)
        {
            var field = CosineGaussianRandomField.Sample(alpha, tau, modes, Xoshiro256StarStar.ForStream(11, k));
            double v = field.Evaluate(x, y);
            s += v;
            s2 += v * v;
        }
        double variance = s2 / samples - Math.Pow(s / samples, 2);
        // Sampling error of a variance estimate: ~ sqrt(2/n) = 2.2 %.
        Assert.InRange(variance / expected, 0.92, 1.08);
        // Grid evaluation agrees with pointwise evaluation.
        var f = CosineGaussianRandomField.Sample(alpha, tau, modes, Xoshiro256StarStar.ForStream(5, 0));
        double[] grid = f.Evaluate([0.0, 0.3, 1.0], [0.8, 0.5]);
        Assert.Equal(f.Evaluate(0.3, 0.8), grid[2], 12);
        Assert.Equal(f.Evaluate(1.0, 0.5), grid[5], 12);
    }
}
