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
    /// O(block · columns) extra memory. <paramref name="coefficients"/> is sources × targets. Register-tiled over
    /// four targets at a time.
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
        for (int j = 0; j < p; j++)
        {
            CheckLength(source[j], n);
        }
        for (int c = 0; c < q; c++)
        {
            CheckLength(target[c], n);
        }
        // Row blocks small enough that the p source slices stay in L1 while every group of four targets reads them;
        // the sources are copied to an array once (indexing an IReadOnlyList in the inner loop is an interface call).
        const int Block = 64;
        int vw = Vector<double>.Count;
        int q4 = (q + 3) / 4 * 4;
        var src = new double[p][];
        for (int j = 0; j < p; j++)
        {
            src[j] = source[j];
        }
        var coef = new double[p * q4];
        for (int j = 0; j < p; j++)
        {
            for (int c = 0; c < q; c++)
            {
                coef[j * q4 + c] = coefficients[j, c];
            }
        }
        ref double rc = ref MemoryMarshal.GetArrayDataReference(coef);
        var buffer = new double[q4 * Block];
        ref double rb = ref MemoryMarshal.GetArrayDataReference(buffer);
        for (int start = 0; start < n; start += Block)
        {
            int len = Math.Min(Block, n - start);
            int vecEnd2 = len - len % (2 * vw);
            for (int c = 0; c < q4; c += 4)
            {
                int i = 0;
                for (; i < vecEnd2; i += 2 * vw)
                {
                    Vector<double> a0 = default, a1 = default, a2 = default, a3 = default;
                    Vector<double> b0 = default, b1 = default, b2 = default, b3 = default;
                    for (int j = 0; j < p; j++)
                    {
                        ref double rs = ref MemoryMarshal.GetArrayDataReference(src[j]);
                        var x = Load(ref rs, start + i);
                        var y = Load(ref rs, start + i + vw);
                        int o = j * q4 + c;
                        var k0 = new Vector<double>(Unsafe.Add(ref rc, o));
                        var k1 = new Vector<double>(Unsafe.Add(ref rc, o + 1));
                        var k2 = new Vector<double>(Unsafe.Add(ref rc, o + 2));
                        var k3 = new Vector<double>(Unsafe.Add(ref rc, o + 3));
                        a0 = Vector.FusedMultiplyAdd(k0, x, a0);
                        a1 = Vector.FusedMultiplyAdd(k1, x, a1);
                        a2 = Vector.FusedMultiplyAdd(k2, x, a2);
                        a3 = Vector.FusedMultiplyAdd(k3, x, a3);
                        b0 = Vector.FusedMultiplyAdd(k0, y, b0);
                        b1 = Vector.FusedMultiplyAdd(k1, y, b1);
                        b2 = Vector.FusedMultiplyAdd(k2, y, b2);
                        b3 = Vector.FusedMultiplyAdd(k3, y, b3);
                    }
                    Store(a0, ref rb, c * Block + i);
                    Store(a1, ref rb, (c + 1) * Block + i);
                    Store(a2, ref rb, (c + 2) * Block + i);
                    Store(a3, ref rb, (c + 3) * Block + i);
                    Store(b0, ref rb, c * Block + i + vw);
                    Store(b1, ref rb, (c + 1) * Block + i + vw);
                    Store(b2, ref rb, (c + 2) * Block + i + vw);
                    Store(b3, ref rb, (c + 3) * Block + i + vw);
                }
                for (; i < len; i++)
                {
                    for (int cc = c; cc < c + 4; cc++)
                    {
                        double acc = 0;
                        for (int j = 0; j < p; j++)
                        {
                            acc += coef[j * q4 + cc] * src[j][start + i];
                        }
                        buffer[cc * Block + i] = acc;
                    }
                }
            }
            for (int c = 0; c < q; c++)
            {
                buffer.AsSpan(c * Block, len).CopyTo(target[c].AsSpan(start, len));
            }
        }
    }

    /// <summary>
    /// The Gram block result[i, j] = x[i] · y[j] (i &lt; xCount, j &lt; yCount), reading every vector once per row
    /// block with a 2 × 4 register tile.
    /// </summary>
    public static void GramBlock(IReadOnlyList<double[]> x, int xCount, IReadOnlyList<double[]> y, int yCount, double[,] result)
    {
        if (xCount == 0 || yCount == 0)
        {
            return;
        }
        int n = x[0].Length;
        for (int i = 0; i < xCount; i++)
        {
            CheckLength(x[i], n);
        }
        for (int j = 0; j < yCount; j++)
        {
            CheckLength(y[j], n);
        }
        Array.Clear(result);
        const int Block = 256;
        int vw = Vector<double>.Count;
        for (int start = 0; start < n; start += Block)
        {
            int len = Math.Min(Block, n - start);
            int vecEnd = len - len % vw;
            for (int i = 0; i < xCount; i += 2)
            {
                bool two = i + 1 < xCount;
                ref double x0 = ref MemoryMarshal.GetArrayDataReference(x[i]);
                ref double x1 = ref MemoryMarshal.GetArrayDataReference(x[two ? i + 1 : i]);
                for (int j = 0; j < yCount; j += 4)
                {
                    int jn = Math.Min(4, yCount - j);
                    ref double y0 = ref MemoryMarshal.GetArrayDataReference(y[j]);
                    ref double y1 = ref MemoryMarshal.GetArrayDataReference(y[j + Math.Min(1, jn - 1)]);
                    ref double y2 = ref MemoryMarshal.GetArrayDataReference(y[j + Math.Min(2, jn - 1)]);
                    ref double y3 = ref MemoryMarshal.GetArrayDataReference(y[j + Math.Min(3, jn - 1)]);
                    Vector<double> s00 = default, s01 = default, s02 = default, s03 = default;
                    Vector<double> s10 = default, s11 = default, s12 = default, s13 = default;
                    for (int k = start; k < start + vecEnd; k += vw)
                    {
                        var a = Load(ref x0, k);
                        var b = Load(ref x1, k);
                        var c0 = Load(ref y0, k);
                        var c1 = Load(ref y1, k);
                        var c2 = Load(ref y2, k);
                        var c3 = Load(ref y3, k);
                        s00 += a * c0;
                        s01 += a * c1;
                        s02 += a * c2;
                        s03 += a * c3;
                        s10 += b * c0;
                        s11 += b * c1;
                        s12 += b * c2;
                        s13 += b * c3;
                    }
                    double t00 = Vector.Sum(s00), t01 = Vector.Sum(s01), t02 = Vector.Sum(s02), t03 = Vector.Sum(s03);
                    double t10 = Vector.Sum(s10), t11 = Vector.Sum(s11), t12 = Vector.Sum(s12), t13 = Vector.Sum(s13);
                    for (int k = start + vecEnd; k < start + len; k++)
                    {
                        double a = Unsafe.Add(ref x0, k), b = Unsafe.Add(ref x1, k);
                        double c0 = Unsafe.Add(ref y0, k), c1 = Unsafe.Add(ref y1, k), c2 = Unsafe.Add(ref y2, k), c3 = Unsafe.Add(ref y3, k);
                        t00 += a * c0;
                        t01 += a * c1;
                        t02 += a * c2;
                        t03 += a * c3;
                        t10 += b * c0;
                        t11 += b * c1;
                        t12 += b * c2;
                        t13 += b * c3;
                    }
                    Span<double> row0 = [t00, t01, t02, t03];
                    Span<double> row1 = [t10, t11, t12, t13];
                    for (int c = 0; c < jn; c++)
                    {
                        result[i, j + c] += row0[c];
                        if (two)
                        {
                            result[i + 1, j + c] += row1[c];
                        }
                    }
                }
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
