using MathNet.Numerics.LinearAlgebra;
using NeuralPDE.Numerics.Linear;

namespace NeuralPDE.Tests.Linear;

/// <summary>CG, GMRES and the preconditioners against MathNet's dense LU solve (an independent library).</summary>
public class KrylovTests
{
    /// <summary>5-point Laplacian on an n x n interior grid (SPD), optionally with a convection term (nonsymmetric).</summary>
    private static CsrMatrix Operator(int n, double convection)
    {
        var b = new CsrBuilder(n * n, 5 * n * n);
        double h = 1.0 / (n + 1);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                int k = i * n + j;
                b.Add(k, k, 4 / (h * h));
                if (i > 0) b.Add(k, k - n, -1 / (h * h) - convection / (2 * h));
                if (i < n - 1) b.Add(k, k + n, -1 / (h * h) + convection / (2 * h));
                if (j > 0) b.Add(k, k - 1, -1 / (h * h));
                if (j < n - 1) b.Add(k, k + 1, -1 / (h * h));
            }
        }
        return b.Build();
    }

    private static double[] DenseSolve(CsrMatrix a, double[] rhs)
    {
        var dense = Matrix<double>.Build.Dense(a.Size, a.Size);
        for (int i = 0; i < a.Size; i++)
        {
            for (int k = a.RowPointers[i]; k < a.RowPointers[i + 1]; k++)
            {
                dense[i, a.ColumnIndices[k]] = a.Values[k];
            }
        }
        return dense.LU().Solve(Vector<double>.Build.DenseOfArray(rhs)).ToArray();
    }

    private static double[] Rhs(int size)
    {
        var rhs = new double[size];
        for (int i = 0; i < size; i++)
        {
            rhs[i] = Math.Sin(0.37 * i) + 1;
        }
        return rhs;
    }

    public static TheoryData<string> Solvers() => new() { "cg", "cg+jacobi", "cg+ilu0", "gmres", "gmres+ilu0", "gmres5+jacobi" };

    private static ILinearSolver Make(string name) => name switch
    {
        "cg" => new ConjugateGradient(1e-12),
        "cg+jacobi" => new ConjugateGradient(1e-12, preconditioner: JacobiPreconditioner.Factory),
        "cg+ilu0" => new ConjugateGradient(1e-12, preconditioner: Ilu0Preconditioner.Factory),
        "gmres" => new Gmres(40, 1e-12),
        "gmres+ilu0" => new Gmres(40, 1e-12, preconditioner: Ilu0Preconditioner.Factory),
        "gmres5+jacobi" => new Gmres(5, 1e-12, preconditioner: JacobiPreconditioner.Factory),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Solvers))]
    public void SymmetricSystemMatchesDenseLu(string solver)
    {
        CsrMatrix a = Operator(12, 0);
        double[] rhs = Rhs(a.Size);
        double[] expected = DenseSolve(a, rhs);
        var x = new double[a.Size];
        LinearSolveResult result = Make(solver).Solve(a, rhs, x);
        Assert.True(result.Converged, $"{solver}: residual {result.RelativeResidual}");
        Assert.True(result.RelativeResidual < 1e-11);
        double err = x.Zip(expected, (p, q) => Math.Abs(p - q)).Max() / expected.Max(Math.Abs);
        Assert.True(err < 1e-9, $"{solver}: relative max error {err}");
    }

    [Fact]
    public void GmresSolvesANonsymmetricSystem()
    {
        CsrMatrix a = Operator(12, 40);
        double[] rhs = Rhs(a.Size);
        double[] expected = DenseSolve(a, rhs);
        var x = new double[a.Size];
        var plain = new Gmres(20, 1e-12).Solve(a, rhs, x);
        Assert.True(x.Zip(expected, (p, q) => Math.Abs(p - q)).Max() < 1e-9 * expected.Max(Math.Abs));
        var y = new double[a.Size];
        var preconditioned = new Gmres(20, 1e-12, preconditioner: Ilu0Preconditioner.Factory).Solve(a, rhs, y);
        Assert.True(preconditioned.Iterations < plain.Iterations, $"ILU(0) should cut iterations: {preconditioned.Iterations} vs {plain.Iterations}");
    }

    [Fact]
    public void Ilu0OfATridiagonalMatrixIsExact()
    {
        // ILU(0) has no fill to drop on a tridiagonal matrix, so preconditioned GMRES converges in one step.
        var b = new CsrBuilder(50);
        for (int i = 0; i < 50; i++)
        {
            b.Add(i, i, 3 + i % 3);
            if (i > 0) b.Add(i, i - 1, -1);
            if (i < 49) b.Add(i, i + 1, -1.5);
        }
        CsrMatrix a = b.Build();
        var x = new double[50];
        var result = new Gmres(10, 1e-13, preconditioner: Ilu0Preconditioner.Factory).Solve(a, Rhs(50), x);
        Assert.Equal(1, result.Iterations);
        Assert.True(result.RelativeResidual < 1e-13);
    }

    [Fact]
    public void BuilderSumsDuplicatesAndSortsColumns()
    {
        var b = new CsrBuilder(3);
        b.Add(0, 2, 1);
        b.Add(0, 0, 2);
        b.Add(0, 2, 3);
        b.Add(2, 1, -1);
        CsrMatrix a = b.Build();
        Assert.Equal(3, a.NonZeros);
        Assert.Equal(4, a[0, 2]);
        Assert.Equal(2, a[0, 0]);
        Assert.Equal(0, a[1, 1]);
        Assert.Equal([0, 2], a.ColumnIndices[..2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => b.Add(3, 0, 1));
        Assert.Throws<ArgumentException>(() => a.Multiply(new double[2]));
    }

    [Fact]
    public void TridiagonalSolverMatchesDense()
    {
        int n = 20;
        double[] lower = Enumerable.Range(0, n).Select(i => -1.0 - 0.1 * i).ToArray();
        double[] diag = Enumerable.Range(0, n).Select(i => 5.0 + i % 2).ToArray();
        double[] upper = Enumerable.Range(0, n).Select(i => -2.0).ToArray();
        double[] rhs = Rhs(n);
        var x = new double[n];
        TridiagonalSolver.Solve(lower, diag, upper, rhs, x);
        var b = new CsrBuilder(n);
        for (int i = 0; i < n; i++)
        {
            b.Add(i, i, diag[i]);
            if (i > 0) b.Add(i, i - 1, lower[i]);
            if (i < n - 1) b.Add(i, i + 1, upper[i]);
        }
        double[] expected = DenseSolve(b.Build(), rhs);
        Assert.True(x.Zip(expected, (p, q) => Math.Abs(p - q)).Max() < 1e-13);
    }
}
