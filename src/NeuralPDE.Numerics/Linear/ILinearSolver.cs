namespace NeuralPDE.Numerics.Linear;

/// <summary>
/// Solves A x = b for a sparse matrix. Finite-difference solvers take one of these so that the
/// Krylov-recycling solvers can be plugged in without touching the discretisations.
/// </summary>
public interface ILinearSolver
{
    /// <summary>Short name with settings, e.g. <c>cg(jacobi, tol=1e-10)</c>.</summary>
    string Name { get; }

    /// <summary>Solves in place: <paramref name="x"/> holds the initial guess on entry and the solution on exit.</summary>
    LinearSolveResult Solve(CsrMatrix a, ReadOnlySpan<double> b, Span<double> x);
}

/// <summary>Per-solve statistics. <see cref="RelativeResidual"/> is the true ||b - A x|| / ||b||, recomputed at the end.</summary>
public readonly record struct LinearSolveResult(int Iterations, double RelativeResidual, bool Converged, double Seconds);
