using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Linear;
using NeuralPDE.Numerics.Solvers;

namespace NeuralPDE.Numerics.Poisson;

/// <summary>
/// Solves an assembled <see cref="PoissonSystem"/> and packages results. The default linear solver is CG with an
/// ILU(0) preconditioner when A is symmetric (grid-aligned domains; ILU(0) of a symmetric M-matrix is IC(0), so the
/// preconditioner is SPD) and GMRES(50) with ILU(0) for the nonsymmetric Shortley–Weller matrix.
/// <see cref="SolveOptions.LinearSolver"/> overrides the choice.
/// </summary>
public static class EllipticSolve
{
    /// <summary>Default relative residual tolerance of the linear solve: far below the discretisation error.</summary>
    public const double DefaultTolerance = 1e-12;

    /// <summary>The default linear solver for a system (see the type's summary).</summary>
    public static ILinearSolver DefaultSolver(PoissonSystem system, double tolerance = DefaultTolerance)
        => system.IsSymmetric
            ? new ConjugateGradient(tolerance, 20_000, Ilu0Preconditioner.Factory)
            : new Gmres(50, tolerance, 20_000, Ilu0Preconditioner.Factory);

    /// <summary>
    /// The largest true relative residual ||b − A u|| / ||b|| accepted: 10 × the tolerance, but never below 1e-9,
    /// because on fine grids (κ(A) ~ h⁻²) rounding stalls the true residual of CG/GMRES near 1e-11 while their
    /// recursive residuals keep falling to the tolerance.
    /// </summary>
    public static double AcceptedResidual(double tolerance) => Math.Max(10 * tolerance, 1e-9);

    /// <summary>Solves A u = b (zero initial guess) and returns the full grid field with the solve statistics.
    /// Throws <see cref="InvalidOperationException"/> when the true residual exceeds <see cref="AcceptedResidual"/>.</summary>
    public static (double[] Field, LinearSolveResult Result, string SolverName) Solve(PoissonSystem system, ILinearSolver? solver = null, double tolerance = DefaultTolerance)
    {
        solver ??= DefaultSolver(system, tolerance);
        var x = new double[system.Unknowns];
        LinearSolveResult result = solver.Solve(system.Matrix, system.RightHandSide, x);
        if (!(result.RelativeResidual <= AcceptedResidual(tolerance)))
        {
            throw new InvalidOperationException(FormattableString.Invariant(
                $"linear solver {solver.Name} did not converge: relative residual {result.RelativeResidual:G3} after {result.Iterations} iterations ({system.Unknowns} unknowns)"));
        }
        return (system.ToGrid(x), result, solver.Name);
    }

    /// <summary>Grid resolution (points per direction) from <see cref="SolveOptions.Resolution"/> or
    /// <c>reference.resolution</c>, validated: at least <paramref name="minimum"/>, and odd when required.</summary>
    public static int Resolution(ProblemSpec spec, SolveOptions options, int minimum, bool odd = false, string why = "")
    {
        int n = options.Resolution ?? spec.Integer("reference.resolution");
        string suffix = why.Length > 0 ? " (" + why + ")" : "";
        if (n < minimum)
        {
            throw new SpecException(spec.Name, "reference.resolution", $"expected at least {minimum} grid points per direction{suffix}, got {n}");
        }
        if (n > 8193)
        {
            throw new SpecException(spec.Name, "reference.resolution", $"expected at most 8193 grid points per direction, got {n}");
        }
        if (odd && n % 2 == 0)
        {
            throw new SpecException(spec.Name, "reference.resolution", $"expected an odd number of grid points per direction{suffix}, got {n}");
        }
        return n;
    }

    /// <summary>The linear-solver tolerance <c>reference.tolerance</c> (default 1e-12).</summary>
    public static double Tolerance(ProblemSpec spec)
        => spec.NumberOr("reference.tolerance", DefaultTolerance, min: 0, max: 1e-3, exclusiveMin: true);

    /// <summary>A solution on the system's grid (axes x, y), primary field <c>u</c>, with solve statistics.</summary>
    public static ReferenceSolution Package(ProblemSpec spec, string solverName, PoissonSystem system, double[] u, LinearSolveResult result, bool withMask)
    {
        var grid = system.Grid;
        var solution = new ReferenceSolution(spec.Name, solverName,
            [new GridAxis("x", grid.XValues()), new GridAxis("y", grid.YValues())], "u");
        solution.AddField("u", u);
        if (withMask)
        {
            solution.Mask = new FieldData("mask", solution.Shape, system.Mask());
        }
        solution.Statistics["unknowns"] = system.Unknowns;
        solution.Statistics["nonZeros"] = system.Matrix.NonZeros;
        solution.Statistics["iterations"] = result.Iterations;
        solution.Statistics["residual"] = result.RelativeResidual;
        solution.Statistics["solveSeconds"] = result.Seconds;
        solution.Statistics["h"] = Math.Max(grid.Hx, grid.Hy);
        if (system.CutArms > 0)
        {
            solution.Statistics["cutArms"] = system.CutArms;
            solution.Statistics["minArmFraction"] = system.MinimumArmFraction;
        }
        return solution;
    }
}
