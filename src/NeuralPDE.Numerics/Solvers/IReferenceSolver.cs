using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;

namespace NeuralPDE.Numerics.Solvers;

/// <summary>
/// A classical reference solver for one problem family/variant. Trainers, the dataset generator
/// and the CLI's <c>solve</c> all go through this interface (see <see cref="ReferenceSolvers"/>).
/// </summary>
public interface IReferenceSolver
{
    /// <summary>Short name, e.g. <c>chebyshev</c>, <c>etdrk4</c>, <c>fd5</c>.</summary>
    string Name { get; }

    /// <summary>Solves the problem described by <paramref name="spec"/>. Throws <see cref="Core.Specs.SpecException"/>
    /// for invalid parameters.</summary>
    ReferenceSolution Solve(ProblemSpec spec, SolveOptions options);
}
