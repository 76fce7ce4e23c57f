using System.Diagnostics;
using NeuralPDE.Numerics.Linear;

namespace NeuralPDE.Numerics.Krylov;

/// <summary>Per-system outcome of a <see cref="SequenceSolver"/> run, in the original (input) order.</summary>
public sealed record SequenceSolveResult(double[]?[] Solutions, LinearSolveResult[] Statistics, int[] Order, double TotalSeconds, double AssemblySeconds, double OrderingSeconds)
{
    public int TotalIterations => Statistics.Sum(s => s.Iterations);

    public double MeanIterations => Statistics.Length == 0 ? 0 : Statistics.Average(s => s.Iterations);

    public double MaxRelativeResidual => Statistics.Length == 0 ? 0 : Statistics.Max(s => s.RelativeResidual);

    public bool AllConverged => Statistics.All(s => s.Converged);

    /// <summary>Seconds spent inside the linear solver (assembly and ordering excluded).</summary>
    public double SolveSeconds => Statistics.Sum(s => s.Seconds);
}

/// <summary>Progress of a sequence: systems done, total, and the last system's index and statistics.</summary>
public readonly record struct SequenceProgress(int Done, int Total, int SystemIndex, LinearSolveResult Last);

/// <summary>
/// Solves a sequence of related systems with one <see cref="ILinearSolver"/> (a <see cref="IRecyclingSolver"/> carries its
/// recycle space from one system to the next), in an order chosen by <see cref="SystemOrdering"/> over the systems'
/// parameter vectors. Systems are built lazily, one at a time, and the results are returned in the original order
/// whatever the solve order. Initial guesses are zero.
/// </summary>
public sealed class SequenceSolver
{
    public SequenceSolver(ILinearSolver solver, OrderingKind ordering = OrderingKind.Greedy, int groupSize = 64)
    {
        Solver = solver ?? throw new ArgumentNullException(nameof(solver));
        Ordering = ordering;
        GroupSize = groupSize;
    }

    public ILinearSolver Solver { get; }

    public OrderingKind Ordering { get; }

    public int GroupSize { get; }

    /// <summary>Keep every solution in the result (false: only statistics, for timing runs).</summary>
    public bool KeepSolutions { get; init; } = true;

    /// <summary>Start each solve from the previous system's solution (in solve order) instead of zero; only
    /// meaningful when consecutive systems are alike (sorted order) and share a size.</summary>
    public bool WarmStart { get; init; }

    /// <summary>Optional callback per solved system (original index, solution), e.g. to stream results to disk.</summary>
    public Action<int, double[]>? OnSolved { get; init; }

    public SequenceSolveResult Solve(IReadOnlyList<LinearSystemItem> systems, IProgress<SequenceProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(systems);
        var clock = Stopwatch.StartNew();
        int[] order = SystemOrdering.Create(Ordering, systems.Select(s => s.Parameters).ToList(), GroupSize);
        double orderingSeconds = clock.Elapsed.TotalSeconds;
        if (Solver is IRecyclingSolver recycling)
        {
            recycling.Reset();
        }
        var solutions = new double[]?[systems.Count];
        var stats = new LinearSolveResult[systems.Count];
        double assembly = 0;
        double[]? previous = null;
        for (int step = 0; step < order.Length; step++)
        {
            cancellation.ThrowIfCancellationRequested();
            int index = order[step];
            var build = Stopwatch.StartNew();
            LinearSystem system = systems[index].Build();
            assembly += build.Elapsed.TotalSeconds;
            var x = new double[system.Matrix.Size];
            if (WarmStart && previous is not null && previous.Length == x.Length)
            {
                previous.CopyTo(x, 0);
            }
            LinearSolveResult result = Solver.Solve(system.Matrix, system.RightHandSide, x);
            stats[index] = result;
            if (KeepSolutions)
            {
                solutions[index] = x;
            }
            OnSolved?.Invoke(index, x);
            previous = x;
            progress?.Report(new SequenceProgress(step + 1, order.Length, index, result));
        }
        return new SequenceSolveResult(solutions, stats, order, clock.Elapsed.TotalSeconds, assembly, orderingSeconds);
    }
}
