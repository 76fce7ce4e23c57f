using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NeuralPDE.Numerics.Linear;

/// <summary>
/// Dense vector kernels shared by the Krylov solvers: dot products, axpy, norms, and the fused multi-vector
/// kernels of block Gram–Schmidt (<see cref="MultiDot"/>, <see cref="MultiAxpy"/>) and of in-place basis rotation
/// (<see cref="CombineInPlace"/>). SIMD via <see cref="Vector{T}"/>; single-threaded (the solver sizes this library
/// targets fit in cache, where threads cost more than they give on few shared cores).
/// </summary>
public static class VectorOps
{
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"dot: length mismatch {a.Length} vs {b.Length}");
        }
        int n = a.Length;
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        int w = Vector<double>.Count;
        int i = 0;
        var s0 = Vector<double>.Zero;
        var s1 = Vector<double>.Zero;
        for (; i <= n - 2 * w; i += 2 * w)
        {
            s0 += Load(ref ra, i) * Load(ref rb, i);
            s1 += Load(ref ra, i + w) * Load(ref rb, i + w);
        }
        double s = Vector.Sum(s0 + s1);
        for (; i < n; i++)
        {
            s += Unsafe.Add(ref ra, i) * Unsafe.Add(ref rb, i);
        }
        return s;
    }

    public static double Norm(ReadOnlySpan<double> a) => Math.Sqrt(Dot(a, a));

    /// <summary>y += alpha x.</summary>
    public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"axpy: length mismatch {x.Length} vs {y.Length}");
        }
        int n = x.Length;
        ref double rx = ref MemoryMarshal.GetReference(x);
        ref double ry = ref MemoryMarshal.GetReference(y);
        int w = Vector<double>.Count;
        var va = new Vector<double>(alpha);
        int i = 0;
        for (; i <= n - w; i += w)
        {
            Store(Load(ref ry, i) + va * Load(ref rx, i), ref ry, i);
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref ry, i) += alpha * Unsafe.Add(ref rx, i);
        }
    }

    /// <summary>x *= alpha.</summary>
    public static void Scale(double alpha, Span<double> x)
    {
        for (int i = 0; i < x.Length; i++)
        {
            x[i] *= alpha;
        }
    }

    /// <summary>result[j] = basis[j] · w for j &lt; count, reading w once per block of four basis vectors.</summary>
    public static void MultiDot(IReadOnlyList<double[]> basis, int count, ReadOnlySpan<double> w, Span<double> result)
    {
        int n = w.Length;
        ref double rw = ref MemoryMarshal.GetReference(w);
        int j = 0;
        int vw = Vector<double>.Count;
        for (; j + 4 <= count; j += 4)
        {
            double[] b0 = basis[j], b1 = basis[j + 1], b2 = basis[j + 2], b3 = basis[j + 3];
            CheckLength(b0, n);
            CheckLength(b1, n);
            CheckLength(b2, n);
            CheckLength(b3, n);
            ref double r0 = ref MemoryMarshal.GetArrayDataReference(b0);
            ref double r1 = ref MemoryMarshal.GetArrayDataReference(b1);
            ref double r2 = ref MemoryMarshal.GetArrayDataReference(b2);
            ref double r3 = ref MemoryMarshal.GetArrayDataReference(b3);
            Vector<double> s0 = Vector<double>.Zero, s1 = Vector<double>.Zero, s2 = Vector<double>.Zero, s3 = Vector<double>.Zero;
            int i = 0;
            for (; i <= n - vw; i += vw)
            {
                var x = Load(ref rw, i);
                s0 += Load(ref r0, i) * x;
                s1 += Load(ref r1, i) * x;
                s2 += Load(ref r2, i) * x;
                s3 += Load(ref r3, i) * x;
            }
            double t0 = Vector.Sum(s0), t1 = Vector.Sum(s1), t2 = Vector.Sum(s2), t3 = Vector.Sum(s3);
            for (; i < n; i++)
            {
                double x = Unsafe.Add(ref rw, i);
                t0 += Unsafe.Add(ref r0, i) * x;
                t1 += Unsafe.Add(ref r1, i) * x;
                t2 += Unsafe.Add(ref r2, i) * x;
                t3 += Unsafe.Add(ref r3, i) * x;
            }
            result[j] = t0;
            result[j + 1] = t1;
            result[j + 2] = t2;
            result[j + 3] = t3;
        }
        for (; j < count; j++)
        {
            result[j] = Dot(basis[j], w);
        }
    }

    /// <summary>w -= Σ_j coefficients[j] basis[j] for j &lt; count, updating w once per block of four basis vectors.</summary>
    public static void MultiAxpy(IReadOnlyList<double[]> basis, int count, ReadOnlySpan<double> coefficients, Span<double> w)
    {
        int n = w.Length;
        ref double rw = ref MemoryMarshal.GetReference(w);
        int vw = Vector<double>.Count;
        int j = 0;
        for (; j + 4 <= count; j += 4)
        {
            double[] b0 = basis[j], b1 = basis[j + 1], b2 = basis[j + 2], b3 = basis[j + 3];
            CheckLength(b0, n);
            CheckLength(b1, n);
            CheckLength(b2, n);
            CheckLength(b3, n);
            ref double r0 = ref MemoryMarshal.GetArrayDataReference(b0);
            ref double r1 = ref MemoryMarshal.GetArrayDataReference(b1);
            ref double r2 = ref MemoryMarshal.GetArrayDataReference(b2);
            ref double r3 = ref MemoryMarshal.GetArrayDataReference(b3);
            double c0 = coefficients[j], c1 = coefficients[j + 1], c2 = coefficients[j + 2], c3 = coefficients[j + 3];
            Vector<double> v0 = new(c0), v1 = new(c1), v2 = new(c2), v3 = new(c3);
            int i = 0;
            for (; i <= n - vw; i += vw)
            {
                var x = Load(ref rw, i);
                x -= v0 * Load(ref r0, i) + v1 * Load(ref r1, i) + v2 * Load(ref r2, i) + v3 * Load(ref r3, i);
                Store(x, ref rw, i);
            }
            for (; i < n; i++)
            {
                Unsafe.Add(ref rw, i) -= c0 * Unsafe.Add(ref r0, i) + c1 * Unsafe.Add(ref r1, i) + c2 * Unsafe.Add(ref r2, i) + c3 * Unsafe.Add(ref r3, i);
            }
        }
        for (; j < count; j++)
        {
            Axpy(-coefficients[j], basis[j], w);
        }
    }

    /// <summary>
    /// target[c] = Σ_j source[j] · coefficients[j, c] for c &lt; target.Count, computed in row blocks so that
    /// <paramref name="target"/> may alias vectors of <paramref name="source"/> (an in-place basis rotation) with
    /// O(block · columns) extra memory. <paramref name="coefficients"/> is sources × targets.
    /// </summary>
    public static void CombineInPlace(IReadOnlyList<double[]> source, IReadOnlyList<double[]> target, double[,] coefficients)
    {
        int p = coefficients.GetLength(0), q = coefficients.GetLength(1);
        if (source.Count < p || target.Count < q)
        {
            throw new ArgumentException($"combine: {source.Count} sources / {target.Count} targets for a {p}x{q} coefficient matrix");
        }
        if (p == 0 || q == 0)
        {
            return;
        }
        int n = source[0].Length;
        const int Block = 256;
        var buffer = new double[q * Block];
        for (int start = 0; start < n; start += Block)
        {
            int len = Math.Min(Block, n - start);
            Array.Clear(buffer);
            for (int j = 0; j < p; j++)
            {
                var src = new ReadOnlySpan<double>(source[j], start, len);
                for (int c = 0; c < q; c++)
                {
                    double coef = coefficients[j, c];
                    if (coef != 0)
                    {
                        Axpy(coef, src, buffer.AsSpan(c * Block, len));
                    }
                }
            }
            for (int c = 0; c < q; c++)
            {
                buffer.AsSpan(c * Block, len).CopyTo(target[c].AsSpan(start, len));
            }
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

    /// <summary>Throws an <see cref="ArgumentException"/> naming <paramref name="what"/> if any entry is NaN or infinite.</summary>
    public static void RequireFinite(ReadOnlySpan<double> values, string what)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"{what} has a non-finite entry {values[i]} at index {i}");
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Load(ref double r, int i) => Vector.LoadUnsafe(ref r, (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector<double> v, ref double r, int i) => v.StoreUnsafe(ref r, (nuint)i);

    private static void CheckLength(double[] v, int n)
    {
        if (v.Length != n)
        {
            throw new ArgumentException($"basis vector of length {v.Length}, expected {n}");
        }
    }
}
