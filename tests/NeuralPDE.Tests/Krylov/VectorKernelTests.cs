using NeuralPDE.Numerics.Linear;

namespace NeuralPDE.Tests.Krylov;

/// <summary>The SIMD kernels against plain loops, at lengths and counts that exercise the vector tails.</summary>
public class VectorKernelTests
{
    private static double[][] Vectors(int count, int n, int seed) => Enumerable.Range(0, count).Select(i => KrylovTestSystems.RandomVector(n, seed + i)).ToArray();

    private static double Naive(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();

    [Theory]
    [InlineData(1, 1)]
    [InlineData(37, 7)]
    [InlineData(300, 9)]
    public void KernelsMatchPlainLoops(int n, int count)
    {
        double[][] basis = Vectors(count, n, 1);
        double[] w = KrylovTestSystems.RandomVector(n, 99);
        Assert.Equal(Naive(basis[0], w), VectorOps.Dot(basis[0], w), 1e-12);

        var dots = new double[count];
        VectorOps.MultiDot(basis, count, w, dots);
        for (int j = 0; j < count; j++)
        {
            Assert.Equal(Naive(basis[j], w), dots[j], 1e-12);
        }

        var coef = KrylovTestSystems.RandomVector(count, 5);
        var expected = (double[])w.Clone();
        for (int j = 0; j < count; j++)
        {
            for (int i = 0; i < n; i++)
            {
                expected[i] -= coef[j] * basis[j][i];
            }
        }
        var actual = (double[])w.Clone();
        VectorOps.MultiAxpy(basis, count, coef, actual);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-12);
        }

        var gram = new double[count, count + 1];
        double[][] others = [.. Vectors(count, n, 50), w];
        VectorOps.GramBlock(basis, count, others, count + 1, gram);
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j <= count; j++)
            {
                Assert.Equal(Naive(basis[i], others[j]), gram[i, j], 1e-12);
            }
        }

        // in-place rotation: targets alias the first sources
        int q = Math.Max(1, count - 2);
        var c = new double[count, q];
        var rng = new Random(3);
        for (int j = 0; j < count; j++)
        {
            for (int k = 0; k < q; k++)
            {
                c[j, k] = rng.NextDouble() - 0.5;
            }
        }
        var want = new double[q][];
        for (int k = 0; k < q; k++)
        {
            want[k] = new double[n];
            for (int j = 0; j < count; j++)
            {
                for (int i = 0; i < n; i++)
                {
                    want[k][i] += c[j, k] * basis[j][i];
                }
            }
        }
        VectorOps.CombineInPlace(basis, basis, c);
        for (int k = 0; k < q; k++)
        {
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(want[k][i], basis[k][i], 1e-12);
            }
        }
    }

    [Fact]
    public void SpMVMatchesDenseProduct()
    {
        CsrMatrix a = KrylovTestSystems.Diffusion(9, convection: 2);
        double[] x = KrylovTestSystems.RandomVector(a.Size, 8);
        double[] y = a.Multiply(x);
        for (int i = 0; i < a.Size; i++)
        {
            double s = 0;
            for (int j = 0; j < a.Size; j++)
            {
                s += a[i, j] * x[j];
            }
            Assert.Equal(s, y[i], 1e-9);
        }
    }

    [Fact]
    public void ParallelSpMVAboveTheThresholdMatchesRowByRow()
    {
        int n = CsrMatrix.ParallelThreshold + 1234;
        var rp = new int[n + 1];
        var ci = new List<int>(3 * n);
        var v = new List<double>(3 * n);
        for (int i = 0; i < n; i++)
        {
            for (int j = Math.Max(0, i - 1); j <= Math.Min(n - 1, i + 1); j++)
            {
                ci.Add(j);
                v.Add(j == i ? 2.0 + 1e-3 * (i % 7) : -1.0);
            }
            rp[i + 1] = ci.Count;
        }
        var a = new CsrMatrix(n, rp, [.. ci], [.. v]);
        double[] x = KrylovTestSystems.RandomVector(n, 11);
        double[] y = a.Multiply(x);
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int k = rp[i]; k < rp[i + 1]; k++)
            {
                s += v[k] * x[ci[k]];
            }
            Assert.True(Math.Abs(s - y[i]) <= 1e-14, $"row {i}: {y[i]} vs {s}");
        }
    }
}
