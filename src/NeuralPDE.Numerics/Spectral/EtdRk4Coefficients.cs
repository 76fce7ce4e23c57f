using System.Numerics;

namespace NeuralPDE.Numerics.Spectral;

/// <summary>
/// Coefficients of the exponential time-differencing fourth-order Runge–Kutta scheme (ETDRK4, Cox &amp; Matthews 2002)
/// for <c>v' = L v + N(v)</c> with diagonal real L, step h, <c>z = h L</c>:
/// <c>E = e^z</c>, <c>E2 = e^(z/2)</c>, <c>Q = h (e^(z/2) - 1)/z</c>,
/// <c>f1 = h (-4 - z + e^z (4 - 3z + z^2))/z^3</c>, <c>f2 = h (2 + z + e^z (z - 2))/z^3</c>,
/// <c>f3 = h (-4 - 3z - z^2 + e^z (4 - z))/z^3</c>.
/// The last four suffer cancellation for small |z|; following Kassam &amp; Trefethen (SIAM J. Sci. Comput. 26, 2005)
/// they are evaluated as means over a contour of radius 1 around z (M points on the upper half circle; the mean's
/// real part, valid because z is real). <see cref="ByPhiFunctions"/> is an independent evaluation (Taylor series of the
/// phi functions for |z| &lt; 1, their recurrence otherwise) used to check it.
/// </summary>
public sealed record EtdRk4Coefficients(double[] E, double[] E2, double[] Q, double[] F1, double[] F2, double[] F3)
{
    /// <summary>Contour points used by <see cref="ByContour"/> (Kassam–Trefethen use 32).</summary>
    public const int ContourPoints = 32;

    /// <summary>Kassam–Trefethen contour-integral evaluation for the diagonal <paramref name="linear"/> and step <paramref name="h"/>.</summary>
    public static EtdRk4Coefficients ByContour(IReadOnlyList<double> linear, double h)
    {
        ArgumentNullException.ThrowIfNull(linear);
        int n = linear.Count;
        var c = new EtdRk4Coefficients(new double[n], new double[n], new double[n], new double[n], new double[n], new double[n]);
        var roots = new Complex[ContourPoints];
        for (int j = 0; j < ContourPoints; j++)
        {
            roots[j] = Complex.Exp(new Complex(0, Math.PI * (j + 0.5) / ContourPoints));
        }
        for (int i = 0; i < n; i++)
        {
            double z = h * linear[i];
            c.E[i] = Math.Exp(z);
            c.E2[i] = Math.Exp(z / 2);
            Complex q = 0, f1 = 0, f2 = 0, f3 = 0;
            foreach (Complex r in roots)
            {
                Complex lr = z + r;
                Complex ez = Complex.Exp(lr);
                Complex lr3 = lr * lr * lr;
                q += (Complex.Exp(lr / 2) - 1) / lr;
                f1 += (-4 - lr + ez * (4 - 3 * lr + lr * lr)) / lr3;
                f2 += (2 + lr + ez * (lr - 2)) / lr3;
                f3 += (-4 - 3 * lr - lr * lr + ez * (4 - lr)) / lr3;
            }
            c.Q[i] = h * q.Real / ContourPoints;
            c.F1[i] = h * f1.Real / ContourPoints;
            c.F2[i] = h * f2.Real / ContourPoints;
            c.F3[i] = h * f3.Real / ContourPoints;
        }
        return c;
    }

    /// <summary>Independent evaluation through phi functions: <c>Q = (h/2) phi1(z/2)</c>, <c>f1 = h (phi1 - 3 phi2 + 4 phi3)</c>,
    /// <c>f2 = h (phi2 - 2 phi3)</c>, <c>f3 = h (-phi2 + 4 phi3)</c>.</summary>
    public static EtdRk4Coefficients ByPhiFunctions(IReadOnlyList<double> linear, double h)
    {
        ArgumentNullException.ThrowIfNull(linear);
        int n = linear.Count;
        var c = new EtdRk4Coefficients(new double[n], new double[n], new double[n], new double[n], new double[n], new double[n]);
        for (int i = 0; i < n; i++)
        {
            double z = h * linear[i];
            c.E[i] = Math.Exp(z);
            c.E2[i] = Math.Exp(z / 2);
            var (half1, _, _) = Phi(z / 2);
            var (p1, p2, p3) = Phi(z);
            c.Q[i] = h / 2 * half1;
            c.F1[i] = h * (p1 - 3 * p2 + 4 * p3);
            c.F2[i] = h * (p2 - 2 * p3);
            c.F3[i] = h * (-p2 + 4 * p3);
        }
        return c;
    }

    /// <summary>phi1..phi3 with phi_k(z) = sum_j z^j / (j + k)!.</summary>
    public static (double Phi1, double Phi2, double Phi3) Phi(double z)
    {
        if (Math.Abs(z) < 1)
        {
            double p1 = 0, p2 = 0, p3 = 0, power = 1, fact = 1; // fact = j!
            for (int j = 0; j < 40; j++)
            {
                // z^j / (j+1)!, z^j / (j+2)!, z^j / (j+3)!
                double t1 = power / (fact * (j + 1));
                double t2 = t1 / (j + 2);
                double t3 = t2 / (j + 3);
                p1 += t1;
                p2 += t2;
                p3 += t3;
                power *= z;
                fact *= j + 1;
            }
            return (p1, p2, p3);
        }
        double q1 = (Math.Exp(z) - 1) / z;
        double q2 = (q1 - 1) / z;
        double q3 = (q2 - 0.5) / z;
        return (q1, q2, q3);
    }
}
