using NeuralPDE.Core.Families.Poisson;
using NeuralPDE.Core.Geometry;
using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Solvers;

namespace NeuralPDE.Numerics.Poisson;

/// <summary>5-point Laplacian on the L-shaped domain with a grid aligned to its edges (odd resolution on
/// [−1, 1]², so x = 0 and y = 0 are grid lines and the matrix stays symmetric).</summary>
public sealed class LShapeSolver : IReferenceSolver
{
    public string Name => "fd5";

    public ReferenceSolution Solve(ProblemSpec spec, SolveOptions options)
    {
        var problem = LShapeProblem.FromSpec(spec);
        int n = EllipticSolve.Resolution(spec, options, 5, odd: true, why: "x = 0 and y = 0 must be grid lines of [-1, 1]^2");
        double tol = EllipticSolve.Tolerance(spec);
        options.Progress?.Report(new SolveProgress(0, "assembling"));
        var grid = NodeGrid2D.Square(problem.Domain.Bounds, n);
        double f = problem.F;
        var system = PoissonAssembler.Assemble(problem.Domain, grid, null, (_, _) => f, (_, _) => 0.0);
        options.Cancellation.ThrowIfCancellationRequested();
        var (u, result, linear) = EllipticSolve.Solve(system, options.LinearSolver, tol);
        options.Progress?.Report(new SolveProgress(1, "solved"));
        return EllipticSolve.Package(spec, $"fd5(n={n}, {linear})", system, u, result, withMask: true);
    }
}
