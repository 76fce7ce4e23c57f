using NeuralPDE.Numerics.Linear;

namespace NeuralPDE.Numerics.Solvers;

/// <summary>Run-time options for a reference solve (the physics lives in the spec).</summary>
public sealed record SolveOptions
{
    /// <summary>Grid resolution override (points per direction); null keeps the spec's <c>reference.resolution</c>.</summary>
    public int? Resolution { get; init; }

    /// <summary><c>cpu</c> or <c>cuda</c>; used by the torch-based spectral solvers.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Seed for random data (GRF initial conditions, coefficients).</summary>
    public int Seed { get; init; }

    /// <summary>Linear solver for the finite-difference solvers; null means the solver's default.</summary>
    public ILinearSolver? LinearSolver { get; init; }

    /// <summary>Progress in [0, 1] with a short status text.</summary>
    public IProgress<SolveProgress>? Progress { get; init; }

    public CancellationToken Cancellation { get; init; }

    public static SolveOptions Default { get; } = new();
}

/// <summary>A progress report: fraction done in [0, 1] and a short status.</summary>
public readonly record struct SolveProgress(double Fraction, string Status);
