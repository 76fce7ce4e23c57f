namespace NeuralPDE.Numerics.Linear;

/// <summary>Small dense vector kernels shared by the Krylov solvers.</summary>
public static class VectorOps
{
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }
        return s;
    }

    public static double Norm(ReadOnlySpan<double> a) => Math.Sqrt(Dot(a, a));

    /// <summary>y += alpha x.</summary>
    public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] += alpha * x[i];
        }
    }

    /// <summary>||b - A x|| / ||b|| (||b - A x|| when b = 0).</summary>
    public static double TrueRelativeResidual(CsrMatrix a, ReadOnlySpan<double> b, ReadOnlySpan<double> x)
    {
        double[] ax = a.Multiply(x);
        double num = 0;
        for (int i = 0; i < b.Length; i++)
        {
            double d = b[i] - ax[i];
            num += d * d;
        }
        double den = Norm(b);
        return den == 0 ? Math.Sqrt(num) : Math.Sqrt(num) / den;
    }
}
