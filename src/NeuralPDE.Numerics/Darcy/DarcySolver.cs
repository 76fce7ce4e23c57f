using NeuralPDE.Core.Families.Darcy;
using NeuralPDE.Core.Geometry;
using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Poisson;
using NeuralPDE.Numerics.Solvers;

namespace NeuralPDE.Numerics.Darcy;

/// <summary>
/// 5-point finite volumes/differences for −∇·(a∇u) = f on the unit square, u = 0, with harmonic-mean face
/// coefficients (flux-continuous across the jumps of the thresholded coefficient). The coefficient is sampled from
/// <see cref="SolveOptions.Seed"/> at the grid nodes and returned as <see cref="ReferenceSolution.Coefficient"/>.
/// </summary>
public sealed class DarcySolver : IReferenceSolver
{
    public string Name => "fd5-harmonic";

    public ReferenceSolution Solve(ProblemSpec spec, SolveOptions options)
    {
        var problem = DarcyProblem.FromSpec(spec);
        int n = EllipticSolve.Resolution(spec, options, 5);
        double tol = EllipticSolve.Tolerance(spec);
        options.Progress?.Report(new SolveProgress(0, "sampling coefficient"));
        var grid = NodeGrid2D.Square(problem.Domain.Bounds, n);
        double[] a = problem.Coefficient(grid, options.Seed);
        double f = problem.F;
        var system = PoissonAssembler.Assemble(problem.Domain, grid, a, (_, _) => f, (_, _) => 0.0);
        options.Cancellation.ThrowIfCancellationRequested();
        var (u, result, linear) = EllipticSolve.Solve(system, options.LinearSolver, tol);
        options.Progress?.Report(new SolveProgress(1, "solved"));
        var solution = EllipticSolve.Package(spec, $"fd5-harmonic(n={n}, {linear})", system, u, result, withMask: false);
        solution.Coefficient = new FieldData("a", solution.Shape, a);
        solution.Statistics["seed"] = options.Seed;
        solution.Statistics["positiveFraction"] = a.Count(v => v == problem.APositive) / (double)a.Length;
        return solution;
    }
}
