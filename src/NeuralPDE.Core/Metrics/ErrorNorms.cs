namespace NeuralPDE.Core.Metrics;

/// <summary>Discrete error norms used everywhere a result is compared with a reference.</summary>
public static class ErrorNorms
{
    /// <summary>||a - b||_2 / ||b||_2 over the entries where <paramref name="mask"/> (if given) is non-zero.</summary>
    public static double RelativeL2(ReadOnlySpan<double> approx, ReadOnlySpan<double> exact, ReadOnlySpan<double> mask = default)
    {
        CheckLengths(approx, exact, mask);
        double num = 0, den = 0;
        for (int i = 0; i < approx.Length; i++)
        {
            if (!mask.IsEmpty && mask[i] == 0)
            {
                continue;
            }
            double d = approx[i] - exact[i];
            num += d * d;
            den += exact[i] * exact[i];
        }
        return den == 0 ? Math.Sqrt(num) : Math.Sqrt(num / den);
    }

    /// <summary>max |a - b| over the (masked) entries.</summary>
    public static double MaxAbs(ReadOnlySpan<double> approx, ReadOnlySpan<double> exact, ReadOnlySpan<double> mask = default)
    {
        CheckLengths(approx, exact, mask);
        double m = 0;
        for (int i = 0; i < approx.Length; i++)
        {
            if (!mask.IsEmpty && mask[i] == 0)
            {
                continue;
            }
            m = Math.Max(m, Math.Abs(approx[i] - exact[i]));
        }
        return m;
    }

    /// <summary>Observed convergence orders log(e_k/e_{k+1}) / log(h_k/h_{k+1}) for a refinement sequence.</summary>
    public static double[] ObservedOrders(IReadOnlyList<double> h, IReadOnlyList<double> errors)
    {
        if (h.Count != errors.Count || h.Count < 2)
        {
            throw new ArgumentException($"need at least two (h, error) pairs of equal count, got {h.Count} and {errors.Count}");
        }
        var orders = new double[h.Count - 1];
        for (int k = 0; k < orders.Length; k++)
        {
            orders[k] = Math.Log(errors[k] / errors[k + 1]) / Math.Log(h[k] / h[k + 1]);
        }
        return orders;
    }

    private static void CheckLengths(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> mask)
    {
        if (a.Length != b.Length || (!mask.IsEmpty && mask.Length != a.Length))
        {
            throw new ArgumentException($"length mismatch: approx {a.Length}, exact {b.Length}, mask {mask.Length}");
        }
    }
}
