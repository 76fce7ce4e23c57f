namespace NeuralPDE.Learning.Sampling;

/// <summary>
/// Draws points in the box [lower, upper] ⊂ R^d, optionally restricted to a sub-domain by rejection
/// (<c>inside</c>). Deterministic: the same (method, seed) gives the same points on every platform.
/// Points are returned row-major, [n, d].
/// </summary>
public static class BoxSampler
{
    private static readonly int[] Primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29];

    public static double[] Sample(CollocationMethod method, int n, double[] lower, double[] upper, int seed, Func<double[], bool>? inside = null)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        if (n < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "point count must be >= 0");
        }
        int d = lower.Length;
        if (inside is null)
        {
            return Scale(UnitCube(method, n, d, seed), lower, upper);
        }
        var result = new List<double>(n * d);
        var point = new double[d];
        int attempt = 0;
        int batch = Math.Max(16, n);
        while (result.Count < n * d)
        {
            if (attempt > 64)
            {
                throw new InvalidOperationException("could not sample the domain: too few candidate points fall inside it");
            }
            double[] candidates = Scale(UnitCube(method, batch, d, unchecked(seed + 7919 * attempt)), lower, upper);
            for (int i = 0; i < batch && result.Count < n * d; i++)
            {
                Array.Copy(candidates, i * d, point, 0, d);
                if (inside(point))
                {
                    result.AddRange(point);
                }
            }
            attempt++;
            batch *= 2;
        }
        return result.ToArray();
    }

    /// <summary>n points in [0, 1]^d, row-major.</summary>
    public static double[] UnitCube(CollocationMethod method, int n, int d, int seed)
    {
        var rng = new Random(seed);
        var u = new double[n * d];
        switch (method)
        {
            case CollocationMethod.Uniform:
                for (int k = 0; k < u.Length; k++)
                {
                    u[k] = rng.NextDouble();
                }
                break;
            case CollocationMethod.LatinHypercube:
                for (int j = 0; j < d; j++)
                {
                    int[] perm = Enumerable.Range(0, n).ToArray();
                    rng.Shuffle(perm);
                    for (int i = 0; i < n; i++)
                    {
                        u[i * d + j] = (perm[i] + rng.NextDouble()) / n;
                    }
                }
                break;
            case CollocationMethod.Halton:
                if (d > Primes.Length)
                {
                    throw new ArgumentOutOfRangeException(nameof(d), d, $"Halton sampling supports up to {Primes.Length} dimensions");
                }
                var shift = new double[d];
                for (int j = 0; j < d; j++)
                {
                    shift[j] = rng.NextDouble();
                }
                for (int i = 0; i < n; i++)
                {
                    for (int j = 0; j < d; j++)
                    {
                        double v = RadicalInverse(i + 1, Primes[j]) + shift[j];
                        u[i * d + j] = v >= 1 ? v - 1 : v;
                    }
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "unknown collocation method");
        }
        return u;
    }

    /// <summary>Van der Corput radical inverse of <paramref name="index"/> in base <paramref name="b"/>.</summary>
    public static double RadicalInverse(long index, int b)
    {
        double result = 0, f = 1.0 / b;
        while (index > 0)
        {
            result += f * (index % b);
            index /= b;
            f /= b;
        }
        return result;
    }

    private static double[] Scale(double[] unit, double[] lower, double[] upper)
    {
        int d = lower.Length;
        for (int k = 0; k < unit.Length; k++)
        {
            int j = k % d;
            unit[k] = lower[j] + (upper[j] - lower[j]) * unit[k];
        }
        return unit;
    }

    /// <summary>Parses a spec value: uniform, lhs, halton.</summary>
    public static CollocationMethod Parse(string name) => name switch
    {
        "uniform" => CollocationMethod.Uniform,
        "lhs" => CollocationMethod.LatinHypercube,
        "halton" => CollocationMethod.Halton,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "expected uniform, lhs or halton"),
    };
}
