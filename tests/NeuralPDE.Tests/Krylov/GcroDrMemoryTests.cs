using NeuralPDE.Numerics.Krylov;
using NeuralPDE.Numerics.Linear;

namespace NeuralPDE.Tests.Krylov;

/// <summary>
/// What recycling costs in memory: GCRO-DR(m, k) holds U, C and m − k + 1 Arnoldi vectors between solves (the first,
/// plain GMRES(m) cycle borrows C's storage), and a solve allocates only its three work vectors on top, so its
/// workspace is m + k + 4 vectors against GMRES(m)'s m + 3: k + 1 more, within the 2k the recycle space may cost.
/// </summary>
public class GcroDrMemoryTests
{
    [Fact]
    public void TheRecycleSpaceCostsKPlusOneVectorsAndASolveAllocatesOnlyItsWorkVectors()
    {
        const int m = 20, k = 8;
        CsrMatrix a = KrylovTestSystems.Diffusion(80, convection: 5);
        int n = a.Size;
        // Updates of the recycle space only in the first and the last cycle of a solve, so that the O(m²) work arrays
        // of an update (eigenproblem, QR; ~70 kB at m = 20) do not hide an n-vector allocated per cycle.
        var gcro = new GcroDr(m, k, 1e-8) { UpdateInterval = 1000 };
        long vector = 8L * n;
        double[] x = new double[n];
        Assert.True(gcro.Solve(a, KrylovTestSystems.RandomVector(n, 1), x).Converged);
        Assert.Equal(k, gcro.RecycleDimension);
        Assert.Equal((2L * k + m - k + 1) * vector, gcro.RetainedBytes);
        Assert.Equal(m + k + 4, gcro.WorkspaceVectors);
        Assert.Equal(k + 1, gcro.WorkspaceVectors - (m + 3));   // against GMRES(m): basis m + 1 and two work vectors
        Assert.True(gcro.WorkspaceVectors - (m + 3) <= 2 * k);

        // Later solves (recycle space in use, the matrix unchanged) allocate their three work vectors and small arrays
        // per cycle, never another basis vector.
        for (int s = 2; s < 4; s++)
        {
            double[] b = KrylovTestSystems.RandomVector(n, s);
            Array.Clear(x);
            long before = GC.GetAllocatedBytesForCurrentThread();
            var result = gcro.Solve(a, b, x, matrixChanged: false);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(result.Converged, result.ToString());
            long cycles = result.Iterations / (m - k) + 2;
            long bound = 3 * vector + 2 * 150_000 + cycles * 16_000;
            Assert.True(allocated < bound, $"solve {s}: {result.Iterations} iterations allocated {allocated} bytes, bound {bound} (an n-vector is {vector})");
            Assert.True(cycles * vector > bound - 3 * vector, "the bound would catch one n-vector per cycle");
        }
    }

    [Fact]
    public void SharedStorageLeavesTheSolutionsUnchanged()
    {
        // The first system runs a plain GMRES(m) cycle in C's storage, then writes C over that basis: every system of
        // a changing sequence must still match a solve from scratch to the tolerance.
        var gcro = new GcroDr(16, 6, 1e-10);
        for (int s = 0; s < 4; s++)
        {
            CsrMatrix a = KrylovTestSystems.Diffusion(20, phase: 0.3 * s, convection: 3);
            double[] b = KrylovTestSystems.RandomVector(a.Size, 10 + s);
            var x = new double[a.Size];
            var reference = new double[a.Size];
            Assert.True(gcro.Solve(a, b, x).Converged);
            Assert.True(new Gmres(60, 1e-12, 20_000).Solve(a, b, reference).Converged);
            double diff = 0, norm = 0;
            for (int i = 0; i < x.Length; i++)
            {
                diff += (x[i] - reference[i]) * (x[i] - reference[i]);
                norm += reference[i] * reference[i];
            }
            Assert.True(Math.Sqrt(diff / norm) < 1e-7, $"system {s}: relative difference {Math.Sqrt(diff / norm):G3}");
        }
    }
}
