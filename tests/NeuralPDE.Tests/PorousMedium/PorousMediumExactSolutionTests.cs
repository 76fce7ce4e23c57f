using NeuralPDE.Core.Families.PorousMedium;

namespace NeuralPDE.Tests.PorousMedium;

/// <summary>The exact GPME solutions satisfy their PDE (finite-difference residual of the formula), their
/// boundary/initial data and their mass/front laws; deliberately wrong variants fail the same checks.</summary>
public class PorousMediumExactSolutionTests
{
    /// <summary>max over points of |u_t − Φ(u)_xx| / max |u_t|, central differences of the formula.</summary>
    private static double Residual1D(Func<double, double, double> u, Diffusivity k, IEnumerable<(double X, double T)> points)
    {
        const double et = 1e-5, ex = 1e-4;
        double worst = 0, scale = 0;
        foreach (var (x, t) in points)
        {
            double ut = (u(x, t + et) - u(x, t - et)) / (2 * et);
            double phixx = (k.Potential(u(x + ex, t)) - 2 * k.Potential(u(x, t)) + k.Potential(u(x - ex, t))) / (ex * ex);
            worst = Math.Max(worst, Math.Abs(ut - phixx));
            scale = Math.Max(scale, Math.Abs(ut));
        }
        return worst / scale;
    }

    private static IEnumerable<(double X, double T)> Grid(double x0, double x1, double t0, double t1, Func<double, double, bool> keep)
    {
        for (int i = 0; i <= 20; i++)
        {
            for (int j = 0; j <= 10; j++)
            {
                double x = x0 + (x1 - x0) * i / 20, t = t0 + (t1 - t0) * j / 10;
                if (keep(x, t))
                {
                    yield return (x, t);
                }
            }
        }
    }

    [Theory]
    [InlineData(3.0, 1.0)]
    [InlineData(3.0, 0.7)]
    [InlineData(1.5, 2.0)]
    public void PmeTravellingWave_SatisfiesPdeAndData(double m, double c)
    {
        var w = new PmeTravellingWave(m, c, 0);
        double r = Residual1D(w.Value, w.Diffusivity, Grid(0.01, 1, 0.1, 1, (x, t) => x < c * t - 0.05));
        Assert.True(r < 1e-5, $"PME residual {r:E2}");
        for (int j = 1; j <= 10; j++)
        {
            double t = 0.1 * j;
            Assert.Equal(Math.Pow(m * c * c * t, 1 / m), w.Value(0, t), 12);
            Assert.Equal(0, w.Value(c * t + 1e-9, t));
        }
        Assert.Equal(0, w.Value(0.3, 0));
        // mass = inflow: d/dt ∫u = −Φ(u)_x at x = 0 (flux in), checked by differencing the mass formula
        double tm = 0.6, e = 1e-5;
        double dm = (w.Mass(tm + e) - w.Mass(tm - e)) / (2 * e);
        double inflow = -(w.Diffusivity.Potential(w.Value(e, tm)) - w.Diffusivity.Potential(w.Value(0, tm))) / e;
        Assert.True(Math.Abs(dm - inflow) < 1e-3 * dm, $"dM/dt {dm} vs inflow {inflow}");
    }

    [Fact]
    public void PmeTravellingWave_WithoutTheSpeedInTheAmplitude_IsNotASolution()
    {
        // (m (c t − x))^(1/m) only solves the PME for c = 1: the residual check must catch it.
        const double m = 3, c = 0.7;
        var k = new PowerLawDiffusivity(m);
        double Wrong(double x, double t) => c * t - x <= 0 ? 0 : Math.Pow(m * (c * t - x), 1 / m);
        double r = Residual1D(Wrong, k, Grid(0.01, 1, 0.1, 1, (x, t) => x < c * t - 0.05));
        Assert.True(r > 0.1, $"residual {r:E2} should be O(1)");
    }

    [Fact]
    public void HeatSine_SatisfiesPdeAndData()
    {
        var h = new HeatSineSolution(2.0, 2, 0, 2 * Math.PI);
        double r = Residual1D(h.Value, h.Diffusivity, Grid(0.1, 6, 0.05, 1, (_, _) => true));
        Assert.True(r < 1e-5, $"heat residual {r:E2}");
        Assert.Equal(Math.Exp(-2 * 0.5) * Math.Sin(1.3), h.Value(1.3, 0.5), 14); // ProbConserv: e^{−kt} sin x
        Assert.Equal(0, h.Value(0, 0.3), 14);
        Assert.Equal(0, h.Value(2 * Math.PI, 0.3), 12);
    }

    [Fact]
    public void Stefan_FrontConstantMatchesTheClassicalValue()
    {
        // Stefan number (1 − u*)/u* = 1: λ √π e^{λ²} erf λ = 1 has λ ≈ 0.6201 (classical tables).
        double z = StefanSolution.SolveFrontConstant(0.5);
        Assert.InRange(z, 0.6200, 0.6202);
        double residual = Math.Sqrt(Math.PI) * 0.5 * z * Math.Exp(z * z) * MathNet.Numerics.SpecialFunctions.Erf(z) - 0.5;
        Assert.True(Math.Abs(residual) < 1e-13);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.6)]
    public void Stefan_SatisfiesPdeJumpConditionAndData(double uStar)
    {
        var s = new StefanSolution(uStar, 0);
        double r = Residual1D(s.Value, s.Diffusivity, Grid(0.01, 1, 0.02, 0.1, (x, t) => x < s.Front(t) - 0.02));
        Assert.True(r < 1e-5, $"Stefan residual {r:E2}");
        foreach (double t in new[] { 0.01, 0.05, 0.1 })
        {
            double xf = s.Front(t);
            Assert.Equal(1, s.Value(0, t), 14);
            Assert.Equal(uStar, s.Value(xf * (1 - 1e-12), t), 9);
            Assert.Equal(0, s.Value(xf * (1 + 1e-9), t));
            // Stefan condition: u* dx*/dt = −u_x(x*⁻)
            double e = 1e-7;
            double ux = (s.Value(xf - e, t) - s.Value(xf - 2 * e, t)) / e;
            double speed = s.Z / Math.Sqrt(t);
            Assert.True(Math.Abs(uStar * speed + ux) < 1e-4 * uStar * speed, $"jump condition: {uStar * speed} vs {-ux}");
            // mass formula against trapezoid quadrature
            int n = 200_000;
            double q = 0;
            for (int i = 0; i < n; i++)
            {
                double x0 = xf * i / n, x1 = xf * (i + 1) / n;
                q += 0.5 * (s.Value(x0, t) + s.Value(x1 * (1 - 1e-15), t)) * (x1 - x0);
            }
            Assert.True(Math.Abs(q - s.Mass(t)) < 1e-8, $"mass {q} vs {s.Mass(t)}");
        }
        Assert.Equal(0, s.Value(0.2, 0));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(2.0)]
    [InlineData(3.0)]
    public void Barenblatt2D_SatisfiesPde(double m)
    {
        var b = new BarenblattSolution(m, 2, 0.5);
        Assert.True(Residual2D(b.Value, b.Diffusivity, b) < 1e-5);
    }

    [Fact]
    public void Barenblatt2D_WithKappaOfTheRescaledEquation_IsNotASolution()
    {
        // κ = α m/(2 d (m+1)) belongs to u_t = Δ(u^(m+1)); for u_t = div(u^m grad u) the residual is O(1).
        var b = new BarenblattSolution(3, 2, 0.5);
        double kappaWrong = b.Kappa / (b.M + 1);
        double Wrong(double x, double y, double t)
        {
            double s = b.C - kappaWrong * (x * x + y * y) * Math.Pow(t, -2 * b.Beta);
            return s <= 0 ? 0 : Math.Pow(t, -b.Alpha) * Math.Pow(s, 1 / b.M);
        }
        Assert.True(Residual2D(Wrong, b.Diffusivity, b) > 0.1);
    }

    private static double Residual2D(Func<double, double, double, double> u, Diffusivity k, BarenblattSolution b)
    {
        const double et = 1e-5, ex = 1e-4;
        double worst = 0, scale = 0;
        foreach (double t in new[] { 1.0, 2.0, 5.0 })
        {
            double r = b.FrontRadius(t);
            for (int i = -6; i <= 6; i++)
            {
                for (int j = -6; j <= 6; j++)
                {
                    double x = 0.8 * r * i / 6 * 0.7, y = 0.8 * r * j / 6 * 0.7;
                    double ut = (u(x, y, t + et) - u(x, y, t - et)) / (2 * et);
                    double lap = (k.Potential(u(x + ex, y, t)) + k.Potential(u(x - ex, y, t)) + k.Potential(u(x, y + ex, t))
                        + k.Potential(u(x, y - ex, t)) - 4 * k.Potential(u(x, y, t))) / (ex * ex);
                    worst = Math.Max(worst, Math.Abs(ut - lap));
                    scale = Math.Max(scale, Math.Abs(ut));
                }
            }
        }
        return worst / scale;
    }

    [Fact]
    public void Barenblatt2D_SupportExponentsAndMass()
    {
        var b = new BarenblattSolution(1, 2, 0.03125);
        Assert.Equal(0.5, b.Alpha, 15);
        Assert.Equal(0.25, b.Beta, 15);
        Assert.Equal(0.125, b.Kappa, 15);
        Assert.Equal(0.5, b.FrontRadius(1), 14);
        foreach (double t in new[] { 1.0, 6.0 })
        {
            double rf = b.FrontRadius(t);
            Assert.Equal(0, b.Value(rf * (1 + 1e-9), 0, t));
            Assert.True(b.Value(0.99 * rf, 0, t) > 0);
            // polar midpoint quadrature of the mass, time independent
            int n = 100_000;
            double q = 0;
            for (int i = 0; i < n; i++)
            {
                double r = (i + 0.5) * rf / n;
                q += b.ValueAtRadiusSquared(r * r, t) * 2 * Math.PI * r * rf / n;
            }
            Assert.True(Math.Abs(q - b.Mass2D()) < 1e-8 * b.Mass2D(), $"mass {q} vs {b.Mass2D()} at t = {t}");
        }
    }
}
