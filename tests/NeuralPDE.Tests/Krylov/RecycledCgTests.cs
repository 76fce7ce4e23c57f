using MathNet.Numerics.LinearAlgebra;
using NeuralPDE.Numerics.Krylov;
using NeuralPDE.Numerics.Linear;

namespace NeuralPDE.Tests.Krylov;

/// <summary>Recycled (deflated) CG: true-residual convergence, agreement with a dense LU solve, and what recycling
/// buys over plain CG on a fixed matrix and along a sorted sequence.</summary>
public class RecycledCgTests
{
    [Theory]
    [InlineData("none")]
    [InlineData("ilu0")]
    [InlineData("ssor")]
    public void MatchesDenseLuAcrossAChangingSequenceAtTheTrueResidual(string precond)
    {
        IPreconditionerFactory? factory = precond switch
        {
            "ilu0" => Ilu0Preconditioner.Factory,
            "ssor" => SsorPreconditioner.Factory,
            _ => null,
        };
        var solver = new RecycledCg(6, 8, 1e-11, preconditioner: factory);
        for (int s = 0; s < 4; s++)
        {
            CsrMatrix a = KrylovTestSystems.Diffusion(12, phase: 0.3 * s);
            double[] b = KrylovTestSystems.RandomVector(a.Size, 20 + s);
            var dense = Matrix<double>.Build.Dense(a.Size, a.Size, (i, j) => a[i, j]);
            double[] exact = dense.LU().Solve(Vector<double>.Build.DenseOfArray(b)).ToArray();
            var x = new double[a.Size];
            LinearSolveResult result = solver.Solve(a, b, x);
            double trueRes = VectorOps.TrueRelativeResidual(a, b, x);
            Assert.True(result.Converged && trueRes <= 1e-11, $"system {s}: {result}, true residual {trueRes:E2}");
            Assert.Equal(trueRes, result.RelativeResidual, 1e-14);
            double err = 0, norm = 0;
            for (int i = 0; i < x.Length; i++)
            {
                err = Math.Max(err, Math.Abs(x[i] - exact[i]));
                norm = Math.Max(norm, Math.Abs(exact[i]));
            }
            Assert.True(err <= 1e-8 * norm, $"system {s}: max error {err:E2} vs |x| {norm:E2}");
            Assert.True(solver.RecycleDimension is > 0 and <= 6, $"recycle dimension {solver.RecycleDimension}");
        }
    }

    [Fact]
    public void RecyclingCutsIterationsForManyRightHandSides()
    {
        CsrMatrix a = KrylovTestSystems.Diffusion(30);
        var rcg = new RecycledCg(10, 20, 1e-8);
        int cgIts = 0, firstIts = 0, laterIts = 0;
        for (int j = 0; j < 8; j++)
        {
            double[] b = KrylovTestSystems.RandomVector(a.Size, 100 + j);
            var x0 = new double[a.Size];
            var plain = new ConjugateGradient(1e-8).Solve(a, b, x0);
            var x1 = new double[a.Size];
            var recycled = rcg.Solve(a, b, x1);
            Assert.True(plain.Converged && recycled.Converged);
            cgIts += plain.Iterations;
            if (j == 0)
            {
                firstIts = recycled.Iterations;
                Assert.InRange(recycled.Iterations, plain.Iterations - 1, plain.Iterations + 1);   // no recycle space yet: CG
            }
            else if (j >= 4)
            {
                laterIts += recycled.Iterations;
            }
        }
        double cgMean = cgIts / 8.0, laterMean = laterIts / 4.0;
        Assert.True(laterMean < 0.75 * cgMean, $"recycled CG {laterMean:F1} its vs CG {cgMean:F1} (first solve {firstIts})");
        Assert.InRange(rcg.RecycleMatVecs, 7, 7 * 10);   // A W once per solve after the first, k = 10 products at most
    }

    [Fact]
    public void SortedOrderBeatsNaturalOrderAndGivesTheSameSolutions()
    {
        int count = 12;
        var shuffled = new Random(7).Shuffled(Enumerable.Range(0, count).ToArray());
        var items = shuffled.Select(i =>
        {
            double phase = 0.25 * i;
            CsrMatrix a = KrylovTestSystems.Diffusion(20, s: 0.9, phase: phase);
            double[] field = Enumerable.Range(0, 50).Select(t => Math.Sin(t * 0.1 + phase)).ToArray();
            return new LinearSystemItem(field, () => new LinearSystem(a, KrylovTestSystems.Ones(a.Size)));
        }).ToList();
        var natural = new SequenceSolver(new RecycledCg(10, 20, 1e-8), OrderingKind.Natural).Solve(items);
        var sorted = new SequenceSolver(new RecycledCg(10, 20, 1e-8), OrderingKind.Greedy).Solve(items);
        var plain = new SequenceSolver(new ConjugateGradient(1e-8), OrderingKind.Natural).Solve(items);
        Assert.True(natural.AllConverged && sorted.AllConverged && plain.AllConverged);
        Assert.True(sorted.TotalIterations < natural.TotalIterations, $"sorted {sorted.TotalIterations} vs natural {natural.TotalIterations}");
        Assert.True(sorted.TotalIterations < plain.TotalIterations, $"sorted {sorted.TotalIterations} vs plain CG {plain.TotalIterations}");
        for (int i = 0; i < count; i++)
        {
            double diff = 0;
            for (int j = 0; j < plain.Solutions[i]!.Length; j++)
            {
                diff = Math.Max(diff, Math.Abs(plain.Solutions[i]![j] - sorted.Solutions[i]![j]));
            }
            Assert.True(diff < 1e-5 * plain.Solutions[i]!.Max(Math.Abs), $"system {i} differs by {diff:E2}");
        }
    }

    [Fact]
    public void ReportsNonConvergenceOnAnIndefiniteMatrixAndWhenTheBudgetIsTooSmall()
    {
        var indefinite = CsrMatrix.FromDense(new double[,] { { 1, 0, 0 }, { 0, -1, 0 }, { 0, 0, 2 } });
        var x = new double[3];
        LinearSolveResult r = new RecycledCg(2, 2, 1e-10).Solve(indefinite, [1, 1, 1], x);
        Assert.False(r.Converged);

        CsrMatrix a = KrylovTestSystems.Diffusion(20);
        var y = new double[a.Size];
        LinearSolveResult short_ = new RecycledCg(5, 5, 1e-12, maxIterations: 5).Solve(a, KrylovTestSystems.Ones(a.Size), y);
        Assert.False(short_.Converged);
        Assert.Equal(5, short_.Iterations);
        Assert.Equal(VectorOps.TrueRelativeResidual(a, KrylovTestSystems.Ones(a.Size), y), short_.RelativeResidual, 1e-12);
    }

    [Fact]
    public void BadInputGetsAClearError()
    {
        Assert.Contains("k >= 1", Assert.Throws<ArgumentOutOfRangeException>(() => new RecycledCg(0)).Message);
        Assert.Contains("s >= 1", Assert.Throws<ArgumentOutOfRangeException>(() => new RecycledCg(4, 0)).Message);
        CsrMatrix a = KrylovTestSystems.Diffusion(4);
        var ex = Assert.ThrowsAny<ArgumentException>(() => new RecycledCg(2, 2).Solve(a, new double[a.Size + 1], new double[a.Size]));
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        double[] nan = KrylovTestSystems.Ones(a.Size);
        nan[3] = double.NaN;
        Assert.Contains("NaN", Assert.ThrowsAny<ArgumentException>(() => new RecycledCg(2, 2).Solve(a, nan, new double[a.Size])).Message);
    }

    [Fact]
    public void WorkspaceIsTwoKPlusTheWindowPlusFour()
    {
        var rcg = new RecycledCg(20, 20);
        Assert.Equal(64, rcg.WorkspaceVectors);   // the same as GCRO-DR(40, 20): m + k + 4
        Assert.Equal(new GcroDr(40, 20).WorkspaceVectors, rcg.WorkspaceVectors);
    }
}
