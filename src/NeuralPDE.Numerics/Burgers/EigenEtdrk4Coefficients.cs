using System.Numerics;

namespace NeuralPDE.Numerics.Burgers;

/// <summary>
/// Scalar ETDRK4 coefficients (Cox &amp; Matthews 2002) for a linear operator that has been diagonalised,
/// one set per eigenvalue lambda with z = h lambda: e^z, e^(z/2) and
/// <code>
///   Q  = h (e^(z/2) - 1) / z
///   f1 = h (-4 - z + e^z (4 - 3z + z^2)) / z^3
///   f2 = h ( 2 + z + e^z (-2 + z)) / z^3
///   f3 = h (-4 - 3z - z^2 + e^z (4 - z)) / z^3
/// </code>
/// evaluated, as Kassam &amp; Trefethen (2005) recommend, as the mean over M = 32 points of a unit circle
/// centred at z, which avoids the cancellation of the closed forms for small |z|. The eigenvalues must be real.
/// </summary>
public sealed class EigenEtdrk4Coefficients
{
    private const int ContourPoints = 32;

    public EigenEtdrk4Coefficients(ReadOnlySpan<double> eigenvalues, double h)
    {
        if (!(h > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(h), h, "time step must be positive");
        }
        int n = eigenvalues.Length;
        E = new double[n];
        E2 = new double[n];
        Q = new double[n];
        F1 = new double[n];
        F2 = new double[n];
        F3 = new double[n];
        var roots = new Complex[ContourPoints];
        for (int k = 0; k < ContourPoints; k++)
        {
            roots[k] = Complex.Exp(new Complex(0, Math.PI * (k + 0.5) / ContourPoints));
        }
        for (int i = 0; i < n; i++)
        {
            double z = h * eigenvalues[i];
            E[i] = Math.Exp(z);
            E2[i] = Math.Exp(z / 2);
            Complex q = 0, f1 = 0, f2 = 0, f3 = 0;
            foreach (Complex r in roots)
            {
                Complex lr = z + r;
                Complex e = Complex.Exp(lr);
                Complex lr3 = lr * lr * lr;
                q += (Complex.Exp(lr / 2) - 1) / lr;
                f1 += (-4 - lr + e * (4 - 3 * lr + lr * lr)) / lr3;
                f2 += (2 + lr + e * (lr - 2)) / lr3;
                f3 += (-4 - 3 * lr - lr * lr + e * (4 - lr)) / lr3;
            }
            Q[i] = h * q.Real / ContourPoints;
            F1[i] = h * f1.Real / ContourPoints;
            F2[i] = h * f2.Real / ContourPoints;
            F3[i] = h * f3.Real / ContourPoints;
        }
    }

    public double[] E { get; }

    public double[] E2 { get; }

    public double[] Q { get; }

    public double[] F1 { get; }

    public double[] F2 { get; }

    public double[] F3 { get; }
}
