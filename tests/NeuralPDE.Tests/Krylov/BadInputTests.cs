using NeuralPDE.Numerics.Krylov;
using NeuralPDE.Numerics.Linear;

namespace NeuralPDE.Tests.Krylov;

/// <summary>Bad input gets a one-line ArgumentException naming the problem.</summary>
public class BadInputTests
{
    public static TheoryData<string> Solvers() => ["gmres", "gcrodr", "cg"];

    private static ILinearSolver Create(string name) => name switch
    {
        "gmres" => new Gmres(10, 1e-8),
        "gcrodr" => new GcroDr(10, 4, 1e-8),
        _ => new ConjugateGradient(1e-8),
    };

    private static void AssertOneLine(ArgumentException e, string fragment)
    {
        Assert.Contains(fragment, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void SizeMismatchIsRejected(string name)
    {
        CsrMatrix a = KrylovTestSystems.Diffusion(5);
        var e = Assert.ThrowsAny<ArgumentException>(() => Create(name).Solve(a, new double[24], new double[25]));
        AssertOneLine(e, "right-hand side has length 24");
        e = Assert.ThrowsAny<ArgumentException>(() => Create(name).Solve(a, new double[25], new double[26]));
        AssertOneLine(e, "solution vector has length 26");
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void NaNInTheRightHandSideOrMatrixIsRejected(string name)
    {
        CsrMatrix a = KrylovTestSystems.Diffusion(5);
        double[] b = KrylovTestSystems.Ones(25);
        b[7] = double.NaN;
        var e = Assert.ThrowsAny<ArgumentException>(() => Create(name).Solve(a, b, new double[25]));
        AssertOneLine(e, "right-hand side has a non-finite entry NaN at index 7");
        var values = (double[])a.Values.Clone();
        values[3] = double.PositiveInfinity;
        var bad = new CsrMatrix(a.Size, a.RowPointers, a.ColumnIndices, values);
        e = Assert.ThrowsAny<ArgumentException>(() => Create(name).Solve(bad, KrylovTestSystems.Ones(25), new double[25]));
        AssertOneLine(e, "matrix has a non-finite entry");
    }

    [Fact]
    public void NonSquareMatricesAreRejected()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => CsrMatrix.FromDense(new double[3, 4]));
        AssertOneLine(e, "matrix must be square, got 3x4");
        e = Assert.ThrowsAny<ArgumentException>(() => new CsrMatrix(2, [0, 1, 2], [0, 2], [1.0, 1.0]));
        AssertOneLine(e, "outside a square 2x2 matrix");
    }

    [Fact]
    public void BadSolverSettingsAndParametersAreRejected()
    {
        Assert.ThrowsAny<ArgumentException>(() => new GcroDr(10, 10));
        Assert.ThrowsAny<ArgumentException>(() => new GcroDr(10, 0));
        Assert.ThrowsAny<ArgumentException>(() => new Gmres(10, double.NaN));
        var e = Assert.ThrowsAny<ArgumentException>(() => SystemOrdering.GreedyChain([[1.0, 2.0], [1.0]]));
        AssertOneLine(e, "parameter vector 1 has length 1, expected 2");
        e = Assert.ThrowsAny<ArgumentException>(() => SystemOrdering.GreedyChain([[1.0, double.NaN]]));
        AssertOneLine(e, "non-finite");
    }
}
