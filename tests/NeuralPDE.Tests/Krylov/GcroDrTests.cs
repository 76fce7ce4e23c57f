using MathNet.Numerics.LinearAlgebra;
using NeuralPDE.Core.Families.Darcy;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Krylov;
using NeuralPDE.Numerics.Linear;

namespace NeuralPDE.Tests.Krylov;

/// <summary>GCRO-DR, GMRES, CG: true-residual convergence, agreement with a dense LU solve, and what recycling buys.</summary>
public class GcroDrTests
{
    public static TheoryData<string, string> Methods() => new()
    {
        { "gmres-cgs2", "none" }, { "gmres-mgs", "jacobi" }, { "gmres-cgs2", "ilu0" }, { "gmres-cgs2", "ssor" },
        { "gcrodr", "none" }, { "gcrodr", "ilu0" }, { "gcrodr", "ssor" }, { "gcrodr-mgs", "jacobi" },
        { "cg", "none" }, { "cg", "ssor" }, { "cg", "ilu0" },
    };

    private static IPreconditionerFactory? Precond(string name) => name switch
    {
        "jacobi" => JacobiPreconditioner.Factory,
        "ilu0" => Ilu0Preconditioner.Factory,
        "ssor" => SsorPreconditioner.Factory,
        _ => null,
    };

    private static ILinearSolver Create(string method, string precond, double tol, int maxIterations = 20_000) => method switch
    {
        "gmres-cgs2" => new Gmres(20, tol, maxIterations, Precond(precond)),
        "gmres-mgs" => new Gmres(20, tol, maxIterations, Precond(precond), Orthogonalization.ModifiedGramSchmidt),
        "gcrodr" => new GcroDr(20, 8, tol, maxIterations, Precond(precond)),
        "gcrodr-mgs" => new GcroDr(20, 8, tol, maxIterations, Precond(precond), Orthogonalization.ModifiedGramSchmidt),
        "cg" => new ConjugateGradient(tol, maxIterations, Precond(precond)),
        _ => throw new ArgumentException(method),
    };

    [Theory]
    [MemberData(nameof(Methods))]
    public void ReachesTheRequestedTrueResidual(string method, string precond)
    {
        CsrMatrix a = KrylovTestSystems.Diffusion(20, convection: method == "cg" ? 0 : 15);
        double[] b = KrylovTestSystems.RandomVector(a.Size, 3);
        foreach (double tol in new[] { 1e-6, 1e-10 })
        {
            var x = new double[a.Size];
            var result = Create(method, precond, tol).Solve(a, b, x);
            double trueRes = VectorOps.TrueRelativeResidual(a, b, x);
            Assert.True(result.Converged, $"{method}/{precond} tol {tol}: {result}");
            Assert.True(trueRes <= tol, $"{method}/{precond}: true residual {trueRes:E2} > {tol:E0}");
            Assert.Equal(trueRes, result.RelativeResidual, 1e-3 * tol);
        }
    }

    [Theory]
    [InlineData("gmres-cgs2")]
    [InlineData("gcrodr")]
    [InlineData("cg")]
    public void ReportsNonConvergenceWhenTheBudgetIsTooSmall(string method)
    {
        CsrMatrix a = KrylovTestSystems.Diffusion(20);
        double[] b = KrylovTestSystems.RandomVector(a.Size, 4);
        var x = new double[a.Size];
        var result = Create(method, "none", 1e-10, maxIterations: 15).Solve(a, b, x);
        Assert.False(result.Converged);
        Assert.True(result.RelativeResidual > 1e-10);
        Assert.Equal(VectorOps.TrueRelativeResidual(a, b, x), result.RelativeResidual, 1e-12);
        Assert.True(result.Iterations <= 15);
    }

    [Fact]
    public void GcroDrMatchesDenseLuAcrossAChangingSequence()
    {
        var solver = new GcroDr(16, 6, 1e-11, preconditioner: Ilu0Preconditioner.Factory);
        for (int s = 0; s < 3; s++)
        {
            CsrMatrix a = KrylovTestSystems.Diffusion(12, phase: 0.3 * s, convection: 10);
            double[] b = KrylovTestSystems.RandomVector(a.Size, 10 + s);
            var dense = Matrix<double>.Build.Dense(a.Size, a.Size, (i, j) => a[i, j]);
            double[] exact = dense.LU().Solve(Vector<double>.Build.DenseOfArray(b)).ToArray();
            var x = new double[a.Size];
            var result = solver.Solve(a, b, x);
            Assert.True(result.Converged, result.ToString());
            double err = 0, norm = 0;
            for (int i = 0; i < x.Length; i++)
            {
                err = Math.Max(err, Math.Abs(x[i] - exact[i]));
                norm = Math.Max(norm, Math.Abs(exact[i]));
            }
            Assert.True(err <= 1e-8 * norm, $"system {s}: max error {err:E2} vs |x| {norm:E2}");
            Assert.True(solver.RecycleDimension > 0);
        }
    }

    [Fact]
    public void RecyclingCutsIterationsForManyRightHandSides()
    {
        CsrMatrix a = KrylovTestSystems.Diffusion(24, convection: 5);
        var gmres = new Gmres(20, 1e-8);
        var gcro = new GcroDr(20, 10, 1e-8);
        int gmresIts = 0, gcroIts = 0, gcroLater = 0;
        for (int s = 0; s < 6; s++)
        {
            double[] b = KrylovTestSystems.RandomVector(a.Size, 100 + s);
            var x1 = new double[a.Size];
            var x2 = new double[a.Size];
            var r1 = gmres.Solve(a, b, x1);
            var r2 = gcro.Solve(a, b, x2);
            Assert.True(r1.Converged && r2.Converged, $"system {s}: GMRES {r1}, GCRO-DR {r2}");
            gmresIts += r1.Iterations;
            gcroIts += r2.Iterations;
            if (s > 0)
            {
                gcroLater += r2.Iterations;
            }
        }
        Assert.True(gcroIts < 0.8 * gmresIts, $"GCRO-DR {gcroIts} vs GMRES {gmresIts} iterations");
        Assert.True(gcroLater < 0.5 * gmresIts * 5 / 6, $"GCRO-DR after the first system {gcroLater} vs GMRES {gmresIts}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void LongSequencesOnAFixedMatrixStayStable(int updateInterval)
    {
        // Many in-place rotations of (U, C): every solve must still reach the true residual.
        CsrMatrix a = KrylovTestSystems.Diffusion(14, convection: 8);
        var gcro = new GcroDr(16, 8, 1e-10) { UpdateInterval = updateInterval };
        for (int s = 0; s < 40; s++)
        {
            double[] b = KrylovTestSystems.RandomVector(a.Size, 500 + s);
            var x = new double[a.Size];
            var r = gcro.Solve(a, b, x);
            Assert.True(r.Converged && r.RelativeResidual <= 1e-10, $"system {s}: {r}");
        }
    }

    [Fact]
    public void RecycleSpaceFollowsAChangingPreconditionerInSolutionSpace()
    {
        // Darcy 32², ILU(0) of each new matrix. Carrying U over as M_new M_old⁻¹ U (solution space) gives 0.59 of
        // GMRES's iterations; carrying U itself (the old behaviour) gave 0.72.
        var darcy = DarcyProblem.FromSpec(ProblemCatalog.Problems().Load("darcy-2d", []));
        IReadOnlyList<LinearSystemItem> items = DarcySystemSequence.Create(darcy, 32, 12);
        var gmres = new SequenceSolver(new Gmres(20, 1e-8, preconditioner: Ilu0Preconditioner.Factory), OrderingKind.Natural).Solve(items);
        var gcro = new SequenceSolver(new GcroDr(20, 8, 1e-8, preconditioner: Ilu0Preconditioner.Factory)).Solve(items);
        Assert.True(gmres.AllConverged && gcro.AllConverged);
        Assert.True(gcro.MaxRelativeResidual <= 1e-8);
        Assert.True(gcro.MeanIterations < 0.65 * gmres.MeanIterations, $"GCRO-DR {gcro.MeanIterations:F1} vs GMRES {gmres.MeanIterations:F1} iterations per system");
    }

    [Fact]
    public void SortedOrderBeatsNaturalOrderOnASlowlyVaryingSequence()
    {
        // Phases 0, 0.05, ..., shuffled: the natural order jumps around, the greedy chain walks the phase line.
        int count = 12;
        var phases = Enumerable.Range(0, count).Select(i => 0.08 * i).ToArray();
        var shuffled = new Random(7).Shuffled(Enumerable.Range(0, count).ToArray());
        var items = shuffled.Select(i =>
        {
            double phase = phases[i];
            CsrMatrix a = KrylovTestSystems.Diffusion(20, s: 0.9, phase: phase);
            double[] field = Enumerable.Range(0, 50).Select(t => Math.Sin(t * 0.1 + phase)).ToArray();
            return new LinearSystemItem(field, () => new LinearSystem(a, KrylovTestSystems.Ones(a.Size)));
        }).ToList();
        var natural = new SequenceSolver(new GcroDr(20, 10, 1e-8), OrderingKind.Natural).Solve(items);
        var sorted = new SequenceSolver(new GcroDr(20, 10, 1e-8), OrderingKind.Greedy).Solve(items);
        Assert.True(natural.AllConverged && sorted.AllConverged);
        Assert.True(sorted.TotalIterations < natural.TotalIterations, $"sorted {sorted.TotalIterations} vs natural {natural.TotalIterations}");
        // results come back in the original order: same solutions either way
        for (int i = 0; i < count; i++)
        {
            double diff = 0;
            for (int j = 0; j < natural.Solutions[i]!.Length; j++)
            {
                diff = Math.Max(diff, Math.Abs(natural.Solutions[i]![j] - sorted.Solutions[i]![j]));
            }
            Assert.True(diff < 1e-5 * natural.Solutions[i]!.Max(Math.Abs), $"system {i} differs by {diff:E2}");
        }
    }

}

internal static class RandomExtensions
{
    public static T[] Shuffled<T>(this Random rng, T[] values)
    {
        var copy = (T[])values.Clone();
        for (int i = copy.Length - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }
        return copy;
    }
}
