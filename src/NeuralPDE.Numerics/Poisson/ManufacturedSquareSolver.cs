using NeuralPDE.Core.Families.Poisson;
using NeuralPDE.Core.Geometry;
using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Solvers;

namespace NeuralPDE.Numerics.Poisson;

/// <summary>Standard 5-point Laplacian on the unit square for <see cref="ManufacturedSquareProblem"/>
/// (second order; the exact solution is attached so <c>relL2</c> measures the discretisation error).</summary>
public sealed class ManufacturedSquareSolver : IReferenceSolver
{
    public string Name => "fd5";

    public ReferenceSolution Solve(ProblemSpec spec, SolveOptions options)
    {
        var problem = ManufacturedSquareProblem.FromSpec(spec);
        int n = EllipticSolve.Resolution(spec, options, 5);
        double tol = EllipticSolve.Tolerance(spec);
        options.Progress?.Report(new SolveProgress(0, "assembling"));
        var grid = NodeGrid2D.Square(problem.Domain.Bounds, n);
        var system = PoissonAssembler.Assemble(problem.Domain, grid, null, problem.Source, problem.Exact);
        options.Cancellation.ThrowIfCancellationRequested();
        var (u, result, linear) = EllipticSolve.Solve(system, options.LinearSolver, tol);
        options.Progress?.Report(new SolveProgress(1, "solved"));
        var solution = EllipticSolve.Package(spec, $"fd5(n={n}, {linear})", system, u, result, withMask: false);
        solution.AddExact("u", grid.Evaluate(problem.Exact));
        return solution;
    }
}
