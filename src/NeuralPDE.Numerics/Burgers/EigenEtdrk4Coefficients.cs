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
/// centred at z, which avoids the cancellation of the closed forms for small |z|. Eigenvalues may be complex
/// (a real operator's complex pairs act on a real 2x2 block a I + b K with K^2 = -I, on which a function
/// acts as Re f(a + ib) I + Im f(a + ib) K); the coefficients are returned as complex numbers.
/// </summary>
public sealed class EigenEtdrk4Coefficients
{
    private const int ContourPoints = 32;

    public EigenEtdrk4Coefficients(ReadOnlySpan<Complex> eigenvalues, double h)
    {
        if (!(h > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(h), h, "time step must be positive");
        }
        int n = eigenvalues.Length;
        E = new Complex[n];
        E2 = new Complex[n];
        Q = new Complex[n];
        F1 = new Complex[n];
        F2 = new Complex[n];
        F3 = new Complex[n];
        var roots = new Complex[ContourPoints];
        for (int k = 0; k < ContourPoints; k++)
        {
            roots[k] = Complex.Exp(new Complex(0, Math.PI * (k + 0.5) / ContourPoints));
        }
        for (int i = 0; i < n; i++)
        {
            Complex z = h * eigenvalues[i];
            E[i] = Complex.Exp(z);
            E2[i] = Complex.Exp(z / 2);
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
            Q[i] = h * q / ContourPoints;
            F1[i] = h * f1 / ContourPoints;
            F2[i] = h * f2 / ContourPoints;
            F3[i] = h * f3 / ContourPoints;
        }
    }

    public Complex[] E { get; }

    public Complex[] E2 { get; }

    public Complex[] Q { get; }

    public Complex[] F1 { get; }

    public Complex[] F2 { get; }

    public Complex[] F3 { get; }
}
