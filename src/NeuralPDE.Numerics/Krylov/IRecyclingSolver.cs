using NeuralPDE.Numerics.Linear;

namespace NeuralPDE.Numerics.Krylov;

/// <summary>A linear solver that carries a recycle space from one solve to the next (<see cref="GcroDr"/>,
/// <see cref="RecycledCg"/>); <see cref="SequenceSolver"/> resets it at the start of each sequence.</summary>
public interface IRecyclingSolver : ILinearSolver
{
    /// <summary>Current recycle space dimension (0 before the first solve or after <see cref="Reset"/>).</summary>
    int RecycleDimension { get; }

    /// <summary>Vectors of the system's length that the solver holds while it solves.</summary>
    int WorkspaceVectors { get; }

    /// <summary>Forgets the recycle space.</summary>
    void Reset();
}
