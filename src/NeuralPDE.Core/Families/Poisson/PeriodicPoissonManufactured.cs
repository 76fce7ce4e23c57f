using NeuralPDE.Core.Specs;

namespace NeuralPDE.Core.Families.Poisson;

/// <summary>
/// Periodic Poisson <c>-Laplacian u = f</c> on the unit torus [0,1)^d (d = 1 or 2) with a smooth, non-band-limited
/// manufactured solution of zero mean:
/// <c>u(x) = exp(a sin 2 pi x) - I0(a)</c> (1-D), <c>u(x, y) = exp(a (sin 2 pi x + cos 2 pi y)) - I0(a)^2</c> (2-D),
/// where I0 is the modified Bessel function (the mean of exp(a sin) over a period). With
/// <c>g = a (sin 2 pi x + cos 2 pi y)</c>: <c>f = -e^g (|grad g|^2 + Laplacian g)</c>. Spec variant <c>periodic</c>.
/// </summary>
public sealed record PeriodicPoissonManufactured(int Dimension, double Amplitude)
{
    /// <summary>Reads <c>parameters.dimension</c> (1 or 2) and <c>parameters.amplitude</c> (&gt; 0).</summary>
    public static PeriodicPoissonManufactured FromSpec(ProblemSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new PeriodicPoissonManufactured(
            spec.Integer("parameters.dimension", min: 1, max: 2),
            spec.Number("parameters.amplitude", min: 0, exclusiveMin: true));
    }

    /// <summary>Mean of <c>exp(a (sin + cos ...))</c> over the torus: <c>I0(a)^d</c>.</summary>
    public double Mean => Math.Pow(BesselI0(Amplitude), Dimension);

    /// <summary>Exact solution at (x, y); y is ignored in 1-D.</summary>
    public double Solution(double x, double y = 0) => Math.Exp(Exponent(x, y)) - Mean;

    /// <summary>Source term <c>f = -Laplacian u</c> at (x, y).</summary>
    public double Source(double x, double y = 0)
    {
        double a = Amplitude, w = 2 * Math.PI;
        double gx = a * w * Math.Cos(w * x), lap = -a * w * w * Math.Sin(w * x), grad2 = gx * gx;
        if (Dimension == 2)
        {
            double gy = -a * w * Math.Sin(w * y);
            grad2 += gy * gy;
            lap += -a * w * w * Math.Cos(w * y);
        }
        return -Math.Exp(Exponent(x, y)) * (grad2 + lap);
    }

    private double Exponent(double x, double y)
    {
        double g = Amplitude * Math.Sin(2 * Math.PI * x);
        return Dimension == 2 ? g + Amplitude * Math.Cos(2 * Math.PI * y) : g;
    }

    /// <summary>Modified Bessel function I0 by its power series sum (a/2)^(2k) / (k!)^2 (converges for all a).</summary>
    public static double BesselI0(double a)
    {
        double term = 1, sum = 1, q = a * a / 4;
        for (int k = 1; k < 500; k++)
        {
            term *= q / ((double)k * k);
            sum += term;
            if (term < 1e-17 * sum)
            {
                break;
            }
        }
        return sum;
    }
}
