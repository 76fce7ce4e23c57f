using NeuralPDE.Numerics.Krylov;

namespace NeuralPDE.Data.Generation.Recipes;

/// <summary>
/// Solves the linear systems of one block of a linear-system recipe (Darcy, star Poisson): takes the systems as
/// (parameter vector, lazy (A, b)) items and returns the solutions and per-system statistics in the original order,
/// whatever order it solves them in. One instance serves one block (recycling solvers carry state).
/// </summary>
public interface ILinearSequenceSolver
{
    /// <summary>Name with settings, stored as the dataset's <c>solver</c> attribute.</summary>
    string Name { get; }

    SequenceSolveResult Solve(IReadOnlyList<LinearSystemItem> systems, CancellationToken cancellation);
}
