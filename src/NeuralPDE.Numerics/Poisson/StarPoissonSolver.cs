using NeuralPDE.Core.Families.Poisson;
using NeuralPDE.Core.Geometry;
using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Solvers;

namespace NeuralPDE.Numerics.Poisson;

/// <summary>Shortley–Weller finite differences for <see cref="StarPoissonProblem"/> on the square [−L, L]²
/// (non-uniform 5-point stencil at nodes next to the curved boundary, using exact crossing distances);
/// the output carries a mask (1 on the closed domain).</summary>
public sealed class StarPoissonSolver : IReferenceSolver
{
    public string Name => "shortley-weller";

    public ReferenceSolution Solve(ProblemSpec spec, SolveOptions options)
    {
        var problem = StarPoissonProblem.FromSpec(spec);
        int n = EllipticSolve.Resolution(spec, options, 9);
        double tol = EllipticSolve.Tolerance(spec);
        options.Progress?.Report(new SolveProgress(0, "assembling"));
        var domain = problem.Domain();
        double l = problem.HalfWidth;
        var grid = new NodeGrid2D(-l, l, n, -l, l, n);
        var system = PoissonAssembler.Assemble(domain, grid, null, problem.Source, problem.Boundary);
        options.Cancellation.ThrowIfCancellationRequested();
        var (u, result, linear) = EllipticSolve.Solve(system, options.LinearSolver, tol);
        options.Progress?.Report(new SolveProgress(1, "solved"));
        return EllipticSolve.Package(spec, $"shortley-weller(n={n}, {linear})", system, u, result, withMask: true);
    }
}
