using NeuralPDE.Numerics.Linear;

namespace NeuralPDE.Tests.Krylov;

/// <summary>SSOR applies exactly M⁻¹ with M = ω/(2−ω) (D/ω + L) D⁻¹ (D/ω + U), checked by multiplying M back.</summary>
public class SsorPreconditionerTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(0.7)]
    public void ApplyInvertsTheSsorSplitting(double omega)
    {
        CsrMatrix a = KrylovTestSystems.Diffusion(6, convection: 3);
        int n = a.Size;
        double[] r = KrylovTestSystems.RandomVector(n, 42);
        var z = new double[n];
        new SsorPreconditioner(a, omega).Apply(r, z);
        // M z = ω/(2−ω) (D/ω + L) D⁻¹ (D/ω + U) z, computed entry by entry from A
        var t = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = a[i, i] / omega * z[i];
            for (int j = i + 1; j < n; j++)
            {
                s += a[i, j] * z[j];
            }
            t[i] = s / a[i, i];
        }
        for (int i = 0; i < n; i++)
        {
            double s = a[i, i] / omega * t[i];
            for (int j = 0; j < i; j++)
            {
                s += a[i, j] * t[j];
            }
            double mz = omega / (2 - omega) * s;
            Assert.Equal(r[i], mz, 1e-12 * Math.Max(1, Math.Abs(r[i])));
        }
        Assert.ThrowsAny<ArgumentException>(() => new SsorPreconditioner(a, 2.0));
    }
}
