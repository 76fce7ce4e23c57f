using NeuralPDE.Core.Families.NavierStokes;
using NeuralPDE.Core.Metrics;

using Xunit.Abstractions;

namespace NeuralPDE.Tests.SteadyFlow;

public class KovasznayExactTests(ITestOutputHelper output)
{
    private static readonly KovasznaySolution Flow = new(20);

    [Fact]
    public void KnownValuesAtRe20()
    {
        // lambda = 10 - sqrt(100 + 4 pi^2) = -1.8100...
        Assert.Equal(10 - Math.Sqrt(100 + 4 * Math.PI * Math.PI), Flow.Lambda, 14);
        Assert.Equal(-1.81009, Flow.Lambda, 4);
        Assert.Equal(0.0, Flow.U(0, 0), 14);            // 1 - e^0 cos 0
        Assert.Equal(2.0, Flow.U(0, 0.5), 14);          // 1 - cos(pi)
        Assert.Equal(1.0, Flow.U(1, 0.25), 14);         // cos(pi/2) = 0
        Assert.Equal(Flow.Lambda / (2 * Math.PI) * Math.Exp(-0.5 * Flow.Lambda), Flow.V(-0.5, 0.25), 14);
        Assert.Equal(0.0, Flow.P(0, 1.3), 14);
        Assert.Equal((1 - Math.Exp(2 * Flow.Lambda)) / 2, Flow.P(1, 0), 14);
        // Far downstream the flow is uniform: u -> 1, v -> 0, p -> 1/2.
        Assert.Equal(1.0, Flow.U(40, 0.1), 12);
        Assert.Equal(0.5, Flow.P(40, 0.1), 12);
    }

    [Fact]
    public void StreamFunctionAndVorticityMatchTheVelocity()
    {
        const double h = 1e-4;
        foreach ((double x, double y) in new[] { (-0.4, -0.3), (0.2, 0.7), (0.9, 1.4) })
        {
            double psiY = (Flow.Psi(x, y + h) - Flow.Psi(x, y - h)) / (2 * h);
            double psiX = (Flow.Psi(x + h, y) - Flow.Psi(x - h, y)) / (2 * h);
            Assert.Equal(Flow.U(x, y), psiY, 6);
            Assert.Equal(Flow.V(x, y), -psiX, 6);
            double vx = (Flow.V(x + h, y) - Flow.V(x - h, y)) / (2 * h);
            double uy = (Flow.U(x, y + h) - Flow.U(x, y - h)) / (2 * h);
            Assert.Equal(Flow.Omega(x, y), vx - uy, 5);
        }
    }

    [Fact]
    public void SatisfiesSteadyNavierStokesToSecondOrder()
    {
        // Second-order central differences of the exact fields on the spec's rectangle: the continuity and
        // momentum residuals are pure truncation error, so they must shrink like h^2.
        int[] sizes = [41, 81, 161];
        var h = new List<double>();
        var continuity = new List<double>();
        var momentum = new List<double>();
        foreach (int n in sizes)
        {
            (double hx, double c, double m) = FdResiduals(Flow, n);
            h.Add(hx);
            continuity.Add(c);
            momentum.Add(m);
        }
        output.WriteLine($"continuity {string.Join(", ", continuity)}; momentum {string.Join(", ", momentum)}");
        // The O(h^4) term is large ((2 pi)^4 from sin 2 pi y), so the orders approach 2 from below:
        // measured 1.95, 1.97 (continuity) and 1.88, 1.95 (momentum).
        foreach (List<double> residuals in new[] { continuity, momentum })
        {
            double[] orders = ErrorNorms.ObservedOrders(h, residuals);
            Assert.All(orders, o => Assert.InRange(o, 1.8, 2.1));
            Assert.InRange(orders[^1], 1.9, 2.1);
        }
        Assert.True(momentum[^1] < 0.02, $"momentum residual {momentum[^1]:E3} at N = 161");
        Assert.True(continuity[^1] < 0.01, $"continuity residual {continuity[^1]:E3} at N = 161");
    }

    [Fact]
    public void AWrongViscosityDoesNotSatisfyMomentum()
    {
        // Guard that the residual test can fail: the Re = 20 fields are not a solution with nu = 1/40.
        (_, _, double m) = FdResiduals(Flow, 81, nuOverride: 1.0 / 40);
        Assert.True(m > 1, $"momentum residual with the wrong viscosity: {m:E3}");
    }

    /// <summary>max |u_x + v_y| and max over both momentum components of |u·∇u + ∇p - ν Δu| at interior nodes.</summary>
    private static (double H, double Continuity, double Momentum) FdResiduals(KovasznaySolution f, int n, double? nuOverride = null)
    {
        double x0 = -0.5, x1 = 1.0, y0 = -0.5, y1 = 1.5;
        double hx = (x1 - x0) / (n - 1);
        double hy = (y1 - y0) / (n - 1);
        double nu = nuOverride ?? f.Nu;
        double cont = 0, mom = 0;
        for (int i = 1; i < n - 1; i++)
        {
            for (int j = 1; j < n - 1; j++)
            {
                double x = x0 + i * hx, y = y0 + j * hy;
                double Dx(Func<double, double, double> g) => (g(x + hx, y) - g(x - hx, y)) / (2 * hx);
                double Dy(Func<double, double, double> g) => (g(x, y + hy) - g(x, y - hy)) / (2 * hy);
                double Lap(Func<double, double, double> g) =>
                    (g(x + hx, y) - 2 * g(x, y) + g(x - hx, y)) / (hx * hx) + (g(x, y + hy) - 2 * g(x, y) + g(x, y - hy)) / (hy * hy);
                double u = f.U(x, y), v = f.V(x, y);
                cont = Math.Max(cont, Math.Abs(Dx(f.U) + Dy(f.V)));
                double mx = u * Dx(f.U) + v * Dy(f.U) + Dx(f.P) - nu * Lap(f.U);
                double my = u * Dx(f.V) + v * Dy(f.V) + Dy(f.P) - nu * Lap(f.V);
                mom = Math.Max(mom, Math.Max(Math.Abs(mx), Math.Abs(my)));
            }
        }
        return (hx, cont, mom);
    }
}
