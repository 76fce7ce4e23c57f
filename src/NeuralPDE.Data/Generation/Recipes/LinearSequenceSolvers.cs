using System.Diagnostics;
using System.Globalization;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Krylov;
using NeuralPDE.Numerics.Linear;
using NeuralPDE.Numerics.NavierStokes;

namespace NeuralPDE.Data.Generation.Recipes;

/// <summary>
/// The <c>--solver</c> choices of linear-system recipes:
/// <list type="bullet">
/// <item><c>auto</c> (the default of darcy-2d and poisson-star): <c>cg</c> for symmetric systems, <c>gmres</c>
/// otherwise, the fastest on these recipes' sequences. <c>generate R --threads 1 --solver S</c>, samples/s: darcy-2d
/// at 64² nodes gmres 50.0, recycled 56.7, cg 105.8, direct 82.2; at 92² 19.6, 23.1, 42.1, 26.7; at 130² 6.1, 8.2,
/// 16.9, 9.4. poisson-star (not symmetric) at 65² gmres 98.4, recycled 65.1; at 129² 20.5, 18.5. Recycling cuts
/// iterations but not enough to beat CG on the symmetric systems, and the star's random domains leave little to
/// recycle; it stays available as <c>recycled</c>.</item>
/// <item><c>recycled</c>: GCRO-DR(m, k) with ILU(0), the systems of a block sorted by the greedy
/// nearest-neighbour chain over their parameter vectors (Sorting Krylov Recycling), recycle space carried along the
/// chain (<see cref="SequenceSolver"/>, <see cref="GcroDr"/>);</item>
/// <item><c>gmres</c>: GMRES(m) with ILU(0), each system on its own from a zero guess;</item>
/// <item><c>cg</c>: CG with ILU(0) (symmetric systems only, i.e. Darcy);</item>
/// <item><c>direct</c>: banded LU without pivoting (<see cref="BandedLu"/>; the FD matrices are M-matrices), exact up to rounding, for small grids.</item>
/// </list>
/// Settings come from the recipe's <c>linear</c> section: <c>tolerance</c>, <c>m</c>, <c>k</c>, <c>updateInterval</c>.
/// </summary>
public sealed class LinearSequenceSolvers
{
    public static readonly string[] Names = ["auto", "recycled", "gmres", "cg", "direct"];

    private LinearSequenceSolvers(string choice, bool automatic, double tolerance, int m, int k, int updateInterval)
    {
        Choice = choice;
        Automatic = automatic;
        Tolerance = tolerance;
        M = m;
        K = k;
        UpdateInterval = updateInterval;
    }

    /// <summary>The solver used: recycled, gmres, cg or direct (<c>auto</c> resolved by the system size).</summary>
    public string Choice { get; }

    /// <summary>Whether <see cref="Choice"/> was picked by <c>auto</c>.</summary>
    public bool Automatic { get; }

    public double Tolerance { get; }

    public int M { get; }

    public int K { get; }

    /// <summary>GCRO-DR: Arnoldi cycles between recycle-space updates within a solve (<see cref="GcroDr.UpdateInterval"/>).</summary>
    public int UpdateInterval { get; }

    /// <summary>The solver named by <paramref name="choice"/>; <c>auto</c> resolves to cg for <paramref name="symmetric"/>
    /// systems and gmres otherwise. <paramref name="unknowns"/> (per system) sizes <c>direct</c>'s factor.</summary>
    public static LinearSequenceSolvers FromRecipe(ProblemSpec recipe, string choice, bool symmetric, int unknowns)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        if (!Names.Contains(choice))
        {
            throw new SpecException(recipe.Name, "--solver", $"expected one of {string.Join(", ", Names)}, got \"{choice}\"");
        }
        if (choice == "cg" && !symmetric)
        {
            throw new SpecException(recipe.Name, "--solver", "cg needs symmetric matrices, and this recipe's (Shortley-Weller) matrices are not; use recycled, gmres or direct");
        }
        double tol = recipe.NumberOr("linear.tolerance", 1e-10, min: 0, max: 1e-2, exclusiveMin: true);
        int m = recipe.IntegerOr("linear.m", 40, min: 2, max: 1000);
        int k = recipe.IntegerOr("linear.k", 10, min: 1, max: 999);
        if (k >= m)
        {
            throw new SpecException(recipe.Name, "linear.k", $"expected k < m = {m}, got {k}");
        }
        int update = recipe.IntegerOr("linear.updateInterval", 4, min: 1, max: 1000);
        if (choice == "direct")
        {
            CheckDirectFits(recipe.Name, unknowns, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
        }
        bool automatic = choice == "auto";
        if (automatic)
        {
            choice = symmetric ? "cg" : "gmres";
        }
        return new LinearSequenceSolvers(choice, automatic, tol, m, k, update);
    }

    /// <summary>Bytes of the banded LU of a grid system with <paramref name="unknowns"/> unknowns: the half-bandwidth is
    /// one grid line, about √unknowns, so n (2√n + 1) doubles.</summary>
    public static long DirectBytes(int unknowns)
    {
        long line = (long)Math.Ceiling(Math.Sqrt(unknowns));
        return unknowns * (2 * line + 1) * sizeof(double);
    }

    /// <summary>Refuses <c>direct</c> up front when one banded LU would take more than half of
    /// <paramref name="availableBytes"/> (each parallel block holds its own).</summary>
    public static void CheckDirectFits(string recipe, int unknowns, long availableBytes)
    {
        long bytes = DirectBytes(unknowns);
        if (bytes > availableBytes / 2)
        {
            throw new SpecException(recipe, "--solver", string.Create(CultureInfo.InvariantCulture,
                $"direct would need {bytes / 1e9:F1} GB for the banded LU of {unknowns} unknowns per system, more than half of the {availableBytes / 1e9:F1} GB available; use cg (symmetric systems), recycled or gmres"));
        }
    }

    /// <summary>The accepted true relative residual: 10 × the tolerance, at least 1e-9 (rounding floor on fine grids).</summary>
    public double AcceptedResidual => Math.Max(10 * Tolerance, 1e-9);

    public string Name => (!Automatic ? "" : Choice == "cg" ? "auto (symmetric systems) -> " : "auto (nonsymmetric systems) -> ") + Choice switch
    {
        "recycled" => Inv($"recycled: gcro-dr(m={M}, k={K}, ilu0, tol={Tolerance:G3}, update every {UpdateInterval}), greedy nearest-neighbour order per block"),
        "gmres" => Inv($"gmres(m={M}, ilu0, tol={Tolerance:G3}) per system"),
        "cg" => Inv($"cg(ilu0, tol={Tolerance:G3}) per system"),
        _ => "direct: banded LU, factored once per matrix",
    };

    /// <summary>A fresh solver for one block.</summary>
    public ILinearSequenceSolver Create() => Choice switch
    {
        "recycled" => new Sequence(Name, new SequenceSolver(new GcroDr(M, K, Tolerance, 50_000, Ilu0Preconditioner.Factory) { UpdateInterval = UpdateInterval }, OrderingKind.Greedy)),
        "gmres" => new Sequence(Name, new SequenceSolver(new Gmres(M, Tolerance, 50_000, new ReusedPreconditionerFactory(Ilu0Preconditioner.Factory)), OrderingKind.Natural)),
        "cg" => new Sequence(Name, new SequenceSolver(new ConjugateGradient(Tolerance, 50_000, new ReusedPreconditionerFactory(Ilu0Preconditioner.Factory)), OrderingKind.Natural)),
        _ => new Direct(Name),
    };

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private sealed class Sequence(string name, SequenceSolver solver) : ILinearSequenceSolver
    {
        public string Name { get; } = name;

        public SequenceSolveResult Solve(IReadOnlyList<LinearSystemItem> systems, CancellationToken cancellation)
            => solver.Solve(systems, null, cancellation);
    }

    /// <summary>Banded LU (the FD matrices are banded, half-bandwidth = grid points per line), factored once for
    /// consecutive systems that share one matrix object.</summary>
    private sealed class Direct(string name) : ILinearSequenceSolver
    {
        public string Name { get; } = name;

        public SequenceSolveResult Solve(IReadOnlyList<LinearSystemItem> systems, CancellationToken cancellation)
        {
            var clock = Stopwatch.StartNew();
            var solutions = new double[]?[systems.Count];
            var stats = new LinearSolveResult[systems.Count];
            double assembly = 0;
            CsrMatrix? factored = null;   // systems that share one matrix object share its factorisation
            BandedLu? lu = null;
            for (int s = 0; s < systems.Count; s++)
            {
                cancellation.ThrowIfCancellationRequested();
                var build = Stopwatch.StartNew();
                LinearSystem system = systems[s].Build();
                assembly += build.Elapsed.TotalSeconds;
                var solve = Stopwatch.StartNew();
                CsrMatrix a = system.Matrix;
                if (!ReferenceEquals(a, factored))
                {
                    lu = Factor(a);
                    factored = a;
                }
                var x = new double[a.Size];
                lu!.Solve(system.RightHandSide, x);
                double[] r = a.Multiply(x);
                double rr = 0, bb = 0;
                for (int i = 0; i < r.Length; i++)
                {
                    double d = system.RightHandSide[i] - r[i];
                    rr += d * d;
                    bb += system.RightHandSide[i] * system.RightHandSide[i];
                }
                double residual = bb == 0 ? Math.Sqrt(rr) : Math.Sqrt(rr / bb);
                solutions[s] = x;
                stats[s] = new LinearSolveResult(0, residual, true, solve.Elapsed.TotalSeconds);
            }
            return new SequenceSolveResult(solutions, stats, Enumerable.Range(0, systems.Count).ToArray(), clock.Elapsed.TotalSeconds, assembly, 0);
        }

        private static BandedLu Factor(CsrMatrix a)
        {
            int lower = 0, upper = 0;
            for (int i = 0; i < a.Size; i++)
            {
                for (int p = a.RowPointers[i]; p < a.RowPointers[i + 1]; p++)
                {
                    int j = a.ColumnIndices[p];
                    lower = Math.Max(lower, i - j);
                    upper = Math.Max(upper, j - i);
                }
            }
            var lu = new BandedLu(a.Size, lower, upper);
            for (int i = 0; i < a.Size; i++)
            {
                for (int p = a.RowPointers[i]; p < a.RowPointers[i + 1]; p++)
                {
                    lu.Add(i, a.ColumnIndices[p], a.Values[p]);
                }
            }
            lu.Factor();
            return lu;
        }
    }
}
