using NeuralPDE.Core.Families.Poisson;
using NeuralPDE.Core.Geometry;
using NeuralPDE.Core.Random;
using NeuralPDE.Numerics.WalkOnSpheres;
using NeuralPDE.Tests.Elliptic;
using Xunit.Abstractions;

namespace NeuralPDE.Tests.WalkOnSpheres;

/// <summary>
/// Walk-on-spheres against exact harmonic and manufactured solutions in many domains (z-scores of the error against the
/// estimator's own standard error), the N^{−1/2} error law, the O(ε) shell bias, the finite-difference poisson-star
/// reference, reproducibility and bad input.
/// </summary>
public class WosEstimatorTests(ITestOutputHelper output)
{
    private static readonly WosSettings Base = new() { Walks = 400, Epsilon = 1e-5, Seed = 11 };

    /// <summary>max |z| and mean z² of (estimate − exact)/SE over the points.</summary>
    private (double MaxZ, double MeanZ2) ZScores(WosBatch batch, IReadOnlyList<(double X, double Y)> points, Func<double, double, double> exact, string label)
    {
        double maxZ = 0, sumZ2 = 0;
        for (int k = 0; k < points.Count; k++)
        {
            var e = batch.Estimates[k];
            double z = (e.Mean - exact(points[k].X, points[k].Y)) / e.StandardError;
            maxZ = Math.Max(maxZ, Math.Abs(z));
            sumZ2 += z * z;
        }
        double meanZ2 = sumZ2 / points.Count;
        output.WriteLine($"{label}: {points.Count} points x {batch.Estimates[0].Walks} walks, mean steps {batch.TotalSteps / (double)batch.TotalWalks:F1}, truncated {batch.Truncated}, max|z| {maxZ:F2}, mean z² {meanZ2:F2}, {batch.WalksPerSecond:F0} walks/s");
        return (maxZ, meanZ2);
    }

    [Theory]
    [InlineData("disk")]
    [InlineData("box")]
    [InlineData("lshape")]
    [InlineData("star")]
    [InlineData("polygon")]
    [InlineData("union")]
    [InlineData("difference")]
    public void HarmonicAndManufacturedSolutionsAgreeWithinTheConfidenceInterval(string name)
    {
        var domain = WosTestCases.Domain(name);
        var points = WosTestCases.InteriorPoints(domain, 40, 1);
        foreach (var (label, exact, source) in new (string, Func<double, double, double>, Func<double, double, double>?)[]
        {
            ("e^x sin y", WosTestCases.ExpSin, null),
            ("x²-y²", WosTestCases.Saddle, null),
            ("manufactured", WosTestCases.Wave, WosTestCases.WaveSource),
        })
        {
            var wos = new WalkOnSpheres2D(domain, exact, source);
            var (maxZ, meanZ2) = ZScores(wos.Estimate(points, Base), points, exact, $"{name} {label}");
            // 40 points: mean z² ~ 1 ± 0.22 if the estimate is unbiased and its standard error right.
            Assert.InRange(meanZ2, 0.35, 2.0);
            Assert.InRange(maxZ, 0, 4.5);
        }
    }

    [Fact]
    public void ThreeDimensionalBallAndBoxAgreeWithExactSolutions()
    {
        // u = x² + y² − 2z² + xyz is harmonic; u = sin(πx) sin(πy) sin(πz) has −Δu = 3π² u.
        static double Harmonic(double x, double y, double z) => x * x + y * y - 2 * z * z + x * y * z;
        static double Sines(double x, double y, double z) => Math.Sin(Math.PI * x) * Math.Sin(Math.PI * y) * Math.Sin(Math.PI * z);
        var rng = new Random(2);
        var cases = new (string, IDomain3D, Func<double, double, double, double>, Func<double, double, double, double>?)[]
        {
            ("ball harmonic", new BallDomain(0, 0, 0, 1), Harmonic, null),
            ("ball sines", new BallDomain(0.1, 0, 0.2, 0.8), Sines, (x, y, z) => 3 * Math.PI * Math.PI * Sines(x, y, z)),
            ("cube harmonic", BoxDomain3D.UnitCube, Harmonic, null),
            ("cube sines", BoxDomain3D.UnitCube, Sines, (x, y, z) => 3 * Math.PI * Math.PI * Sines(x, y, z)),
        };
        foreach (var (label, domain, exact, source) in cases)
        {
            var points = new List<(double X, double Y, double Z)>();
            while (points.Count < 30)
            {
                double x = 2 * rng.NextDouble() - 1, y = 2 * rng.NextDouble() - 1, z = 2 * rng.NextDouble() - 1;
                if (domain.Contains(x, y, z) && domain.SignedDistance(x, y, z) < -0.02)
                {
                    points.Add((x, y, z));
                }
            }
            var batch = new WalkOnSpheres3D(domain, exact, source).Estimate(points, Base);
            double maxZ = 0, sumZ2 = 0;
            for (int k = 0; k < points.Count; k++)
            {
                var (x, y, z) = points[k];
                double zScore = (batch.Estimates[k].Mean - exact(x, y, z)) / batch.Estimates[k].StandardError;
                maxZ = Math.Max(maxZ, Math.Abs(zScore));
                sumZ2 += zScore * zScore;
            }
            output.WriteLine($"{label}: max|z| {maxZ:F2}, mean z² {sumZ2 / points.Count:F2}, mean steps {batch.TotalSteps / (double)batch.TotalWalks:F1}");
            Assert.InRange(sumZ2 / points.Count, 0.3, 2.1);
            Assert.InRange(maxZ, 0, 4.5);
        }
    }

    [Fact]
    public void GreenFunctionSamplingMatchesItsDensityAndIntegral()
    {
        // |G| by quadrature of 2π r G(r) (2-D) and 4π r² G(r) (3-D) over (0, R): R²/4 and R²/6.
        const double R = 0.7;
        int n = 200_000;
        double i2 = 0, i3 = 0;
        for (int k = 0; k < n; k++)
        {
            double r = (k + 0.5) * R / n;
            i2 += 2 * Math.PI * r * BallGreenFunction.Value2D(r, R) * R / n;
            i3 += 4 * Math.PI * r * r * BallGreenFunction.Value3D(r, R) * R / n;
        }
        Assert.Equal(BallGreenFunction.Integral2D(R), i2, 6);
        Assert.Equal(BallGreenFunction.Integral3D(R), i3, 6);
        // Moments of the radius laws: 2-D density 4 s ln(1/s) has E s = 4/9, E s² = 1/4; 3-D Beta(2, 2): 1/2 and 3/10.
        var rng = new Xoshiro256StarStar(1);
        double m1 = 0, m2 = 0, b1 = 0, b2 = 0;
        int samples = 400_000;
        for (int k = 0; k < samples; k++)
        {
            double s = BallGreenFunction.SampleRadiusFraction2D(rng), t = BallGreenFunction.SampleRadiusFraction3D(rng);
            m1 += s;
            m2 += s * s;
            b1 += t;
            b2 += t * t;
        }
        // Standard errors of these means are below 4e-4; allow 5 of them.
        Assert.InRange(m1 / samples - 4.0 / 9, -2e-3, 2e-3);
        Assert.InRange(m2 / samples - 0.25, -2e-3, 2e-3);
        Assert.InRange(b1 / samples - 0.5, -2e-3, 2e-3);
        Assert.InRange(b2 / samples - 0.3, -2e-3, 2e-3);
    }

    [Fact]
    public void ErrorFallsAsOneOverRootNInTheNumberOfWalks()
    {
        var domain = WosTestCases.Domain("lshape");
        var points = WosTestCases.InteriorPoints(domain, 48, 4);
        var wos = new WalkOnSpheres2D(domain, WosTestCases.Wave, WosTestCases.WaveSource);
        int[] walks = [32, 128, 512, 2048];
        var rms = new List<double>();
        foreach (int n in walks)
        {
            var batch = wos.Estimate(points, Base with { Walks = n, Seed = n });
            double s = 0;
            for (int k = 0; k < points.Count; k++)
            {
                double e = batch.Estimates[k].Mean - WosTestCases.Wave(points[k].X, points[k].Y);
                s += e * e;
            }
            rms.Add(Math.Sqrt(s / points.Count));
        }
        double slope = WosTestCases.LogSlope(walks.Select(w => (double)w).ToArray(), rms);
        output.WriteLine($"L-shape manufactured: RMS error {EllipticTestSupport.Show(rms)} at N = {string.Join(", ", walks)}; slope {slope:F3}");
        Assert.InRange(slope, -0.62, -0.38);
    }

    [Fact]
    public void ShellBiasIsFirstOrderInEpsilon()
    {
        // u = 1 − |x|² on the unit disk (−Δu = 4, g = 0): stopping in the shell and taking g = 0 there loses u(x_stop) ≈ 2 d,
        // so the bias is −2 E[d_stop] = O(ε). Large N makes the bias dominate the noise.
        var disk = new DiskDomain(0, 0, 1);
        var wos = new WalkOnSpheres2D(disk, (_, _) => 0, (_, _) => 4);
        double[] eps = [0.16, 0.08, 0.04, 0.02];
        var bias = new List<double>();
        foreach (double e in eps)
        {
            var est = wos.Estimate(0.3, 0.2, new WosSettings { Walks = 200_000, Epsilon = e, Seed = 5 });
            double b = est.Mean - (1 - 0.13);
            output.WriteLine($"ε = {e}: bias {b:G4} ± {est.StandardError:G2}, mean steps {est.MeanSteps:F2}");
            Assert.True(b < 0 && -b > 5 * est.StandardError, $"bias {b} not resolved at ε = {e}");
            bias.Add(-b);
        }
        double slope = WosTestCases.LogSlope(eps, bias);
        output.WriteLine($"bias slope {slope:F3}");
        Assert.InRange(slope, 0.85, 1.15);
    }

    [Fact]
    public void AgreesWithTheFiniteDifferencePoissonStarReference()
    {
        var spec = EllipticTestSupport.Spec("poisson-star");
        var problem = StarPoissonProblem.FromSpec(spec);
        var coarse = EllipticTestSupport.Solve(spec, 65);
        var fine = EllipticTestSupport.Solve(spec, 129);
        var domain = problem.Domain();
        var wos = new WalkOnSpheres2D(domain, problem.Boundary, problem.Source);
        // Points: every 6th node of the fine grid inside the star, 0.05 from the boundary.
        double[] xs = fine.Axes[0].Values, ys = fine.Axes[1].Values;
        int n = ys.Length;
        var points = new List<(double X, double Y)>();
        var fd = new List<double>();
        var fdError = new List<double>();
        int nc = coarse.Axes[1].Length;
        for (int i = 0; i < xs.Length; i += 6)
        {
            for (int j = 0; j < n; j += 6)
            {
                if (domain.Contains(xs[i], ys[j]) && domain.SignedDistance(xs[i], ys[j]) < -0.05)
                {
                    points.Add((xs[i], ys[j]));
                    double uf = fine.Primary.Values[i * n + j], uc = coarse.Primary.Values[i / 2 * nc + j / 2];
                    fd.Add(uf);
                    fdError.Add(Math.Abs(uf - uc) / 3); // second order: error of the fine solution ≈ |u_h − u_2h| / 3
                }
            }
        }
        var batch = wos.Estimate(points, new WosSettings { Walks = 2000, Epsilon = 1e-5, Seed = 3 });
        int outside = 0;
        double maxZ = 0;
        for (int k = 0; k < points.Count; k++)
        {
            var e = batch.Estimates[k];
            double z = Math.Abs(e.Mean - fd[k]) / Math.Sqrt(e.StandardError * e.StandardError + fdError[k] * fdError[k]);
            maxZ = Math.Max(maxZ, z);
            if (z > 1.96)
            {
                outside++;
            }
        }
        output.WriteLine($"poisson-star: {points.Count} points, max FD error estimate {fdError.Max():G3}, mean SE {batch.StandardErrors().Average():G3}, max z {maxZ:F2}, outside 95% CI {outside}");
        Assert.True(points.Count >= 100);
        Assert.InRange(outside, 0, (int)(0.1 * points.Count)); // ~5 % expected
        Assert.InRange(maxZ, 0, 4.5);
    }

    [Fact]
    public void RussianRouletteStaysUnbiased()
    {
        // Unbiased by construction (a walk alive at step k carries weight q^{-(k-start)}); with Poisson's equation nothing
        // decays along a walk, so roulette only trades length for variance and needs q near 1 and a late start.
        var domain = WosTestCases.Domain("disk");
        var points = WosTestCases.InteriorPoints(domain, 40, 9);
        var wos = new WalkOnSpheres2D(domain, WosTestCases.Wave, WosTestCases.WaveSource);
        var plain = wos.Estimate(points, Base with { Walks = 1000 });
        var roulette = wos.Estimate(points, Base with { Walks = 1000, RouletteStart = 8, RouletteSurvival = 0.9 });
        var (maxZ, meanZ2) = ZScores(roulette, points, WosTestCases.Wave, "disk with roulette from step 8, q = 0.9");
        Assert.InRange(meanZ2, 0.35, 2.0);
        Assert.InRange(maxZ, 0, 4.5);
        Assert.True(roulette.TotalSteps < plain.TotalSteps, "roulette should shorten walks");
    }

    [Fact]
    public void ResultsAreReproducibleAndIndependentOfThreads()
    {
        var domain = WosTestCases.Domain("union");
        var points = WosTestCases.InteriorPoints(domain, 64, 2);
        var wos = new WalkOnSpheres2D(domain, WosTestCases.Wave, WosTestCases.WaveSource);
        var settings = new WosSettings { Walks = 50, Epsilon = 1e-4, Seed = 42 };
        double[] one = wos.Estimate(points, settings with { Threads = 1 }).Means();
        double[] two = wos.Estimate(points, settings with { Threads = 2 }).Means();
        double[] again = wos.Estimate(points, settings).Means();
        Assert.Equal(one, two);
        Assert.Equal(one, again);
        // A point's estimate does not depend on the other points of the batch.
        Assert.Equal(one[5], wos.Estimate(points[5].X, points[5].Y, settings, 5).Mean);
        double[] other = wos.Estimate(points, settings with { Seed = 43 }).Means();
        Assert.NotEqual(one, other);
        double[] round = wos.Estimate(points, settings with { Round = 1 }).Means();
        Assert.NotEqual(one, round);
    }

    [Fact]
    public void BadInputGetsOneLineErrors()
    {
        var wos = new WalkOnSpheres2D(new DiskDomain(0, 0, 1), (_, _) => 0);
        var e = Assert.Throws<ArgumentException>(() => wos.Estimate([(0.1, 0.1), (1.5, 0.2)], Base));
        Assert.Contains("point 1 (1.5, 0.2) is not inside the domain disk", e.Message, StringComparison.Ordinal);
        Assert.Contains("point 0 (1, 0)", Assert.Throws<ArgumentException>(() => wos.Estimate(1.0, 0.0, Base)).Message, StringComparison.Ordinal);
        Assert.Contains("walks", Assert.Throws<ArgumentException>(() => wos.Estimate(0, 0, Base with { Walks = 0 })).Message, StringComparison.Ordinal);
        Assert.Contains("epsilon", Assert.Throws<ArgumentException>(() => wos.Estimate(0, 0, Base with { Epsilon = 0 })).Message, StringComparison.Ordinal);
        Assert.Contains("roulette", Assert.Throws<ArgumentException>(() => wos.Estimate(0, 0, Base with { RouletteStart = 2, RouletteSurvival = 1 })).Message, StringComparison.Ordinal);
        var ball = new WalkOnSpheres3D(new BallDomain(0, 0, 0, 1), (_, _, _) => 0);
        Assert.Contains("point 0 (0, 0, 2)", Assert.Throws<ArgumentException>(() => ball.Estimate(0, 0, 2, Base)).Message, StringComparison.Ordinal);
    }
}
