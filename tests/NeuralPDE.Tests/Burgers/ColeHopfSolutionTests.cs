using System.Diagnostics;
using NeuralPDE.Core.Families.Burgers;
using NeuralPDE.Core.Metrics;
using NeuralPDE.Data.Mat;
using Xunit.Abstractions;

namespace NeuralPDE.Tests.Burgers;

public sealed class ColeHopfSolutionTests(ITestOutputHelper output)
{
    private static readonly ColeHopfSolution Exact = new(ColeHopfSolution.BenchmarkNu);

    [Fact]
    public void MatchesBurgersShockMatAtAll25600PointsTo1em9()
    {
        MatFile file = BurgersTestData.ShockFile;
        double[] x = file.Get("x").ToVector();
        double[] t = file.Get("t").ToVector();
        double[] reference = file.Get("usol").TransposedRowMajor(); // [t, x] row-major

        var clock = Stopwatch.StartNew();
        double[] u = Exact.EvaluateGrid(t, x);
        double seconds = clock.Elapsed.TotalSeconds;

        double maxAbs = ErrorNorms.MaxAbs(u, reference);
        double relL2 = ErrorNorms.RelativeL2(u, reference);
        double maxAwayFromShock = 0;
        for (int j = 0; j < t.Length; j++)
        {
            for (int i = 0; i < x.Length; i++)
            {
                if (Math.Abs(x[i]) > 0.1)
                {
                    maxAwayFromShock = Math.Max(maxAwayFromShock, Math.Abs(u[j * x.Length + i] - reference[j * x.Length + i]));
                }
            }
        }
        output.WriteLine($"Cole-Hopf vs burgers_shock.mat: max abs {maxAbs:E3}, rel L2 {relL2:E3}, max abs |x|>0.1 {maxAwayFromShock:E3}, {seconds:F2} s for {u.Length} points");
        Assert.True(maxAbs <= 1e-9, $"max abs error {maxAbs:E3} > 1e-9");
        Assert.True(seconds < 20, $"took {seconds:F1} s");
        // The t = 0 row is the initial condition itself.
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(-Math.Sin(Math.PI * x[i]), u[i]);
        }
    }

    [Fact]
    public void QuadratureIsConvergedAndTheSolutionIsOdd()
    {
        // An independent evaluation: plain trapezoid in eta over [-12, 12] sqrt(4 nu t) with a 4x finer step.
        double nu = ColeHopfSolution.BenchmarkNu;
        foreach (double t in new[] { 0.01, 0.3, 1 / Math.PI, 0.75, 0.99 })
        {
            foreach (double x in new[] { -0.9, -0.2, -0.01, -0.003, 0.0005, 0.004, 0.37 })
            {
                double fine = BruteForce(x, t, nu, 0.025);
                Assert.True(Math.Abs(Exact.Evaluate(x, t) - fine) < 1e-13, $"x={x}, t={t}: {Exact.Evaluate(x, t)} vs {fine}");
                Assert.True(Math.Abs(Exact.Evaluate(-x, t) + Exact.Evaluate(x, t)) < 1e-13, $"u(-x) != -u(x) at x={x}, t={t}");
            }
        }
        Assert.Equal(0.0, Exact.Evaluate(1.0, 0.5), 14);
        Assert.Equal(0.0, Exact.Evaluate(0.0, 0.5), 14);
    }

    [Fact]
    public void MaximumSlopeMatchesBasdevantEtAl()
    {
        // Basdevant et al. (1986): for nu = 0.01/pi, max |u_x| = 152.00516 at x = 0, attained at t = 1.6037/pi.
        var (_, ux) = Exact.EvaluateWithGradient(0.0, 1.6037 / Math.PI);
        Assert.Equal(-152.00516, ux, 4);
        var (_, before) = Exact.EvaluateWithGradient(0.0, 1.59 / Math.PI);
        var (_, after) = Exact.EvaluateWithGradient(0.0, 1.62 / Math.PI);
        Assert.True(before > ux && after > ux, "slope must be steepest near t = 1.6037/pi");

        // The gradient agrees with a centred difference of the values away from the shock.
        double h = 1e-5;
        var (_, g) = Exact.EvaluateWithGradient(0.4, 0.6);
        Assert.Equal((Exact.Evaluate(0.4 + h, 0.6) - Exact.Evaluate(0.4 - h, 0.6)) / (2 * h), g, 7);
    }

    [Fact]
    public void BatchEvaluationMatchesPointwiseAndRejectsNegativeTime()
    {
        double[] x = [-0.5, 0.1, 0.1, 0.9];
        double[] t = [0.2, 0.2, 0.0, 0.9];
        var u = new double[4];
        Exact.Evaluate(x, t, u);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(Exact.Evaluate(x[i], t[i]), u[i]);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => Exact.Evaluate(0.1, -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ColeHopfSolution(0));
    }

    private static double BruteForce(double x, double t, double nu, double h)
    {
        double c = Math.Sqrt(4 * nu * t);
        int half = (int)Math.Round(12.0 / h);
        var e = new double[2 * half + 1];
        var y = new double[e.Length];
        for (int j = 0; j < e.Length; j++)
        {
            double s = (j - half) * h;
            y[j] = x - c * s;
            e[j] = -Math.Cos(Math.PI * y[j]) / (2 * Math.PI * nu) - s * s;
        }
        double max = e.Max(), num = 0, den = 0;
        for (int j = 0; j < e.Length; j++)
        {
            double w = Math.Exp(e[j] - max);
            num += Math.Sin(Math.PI * y[j]) * w;
            den += w;
        }
        return -num / den;
    }
}
