namespace NeuralPDE.Numerics.PorousMedium;

/// <summary>A nonlinear system R(u) = 0 (one implicit time step) with a linearised solve, for <see cref="NewtonSolver"/>.</summary>
public interface INonlinearSystem
{
    int Size { get; }

    /// <summary>r = R(u).</summary>
    void Residual(ReadOnlySpan<double> u, Span<double> r);

    /// <summary>Solves J(u) δ = rhs, J the exact Jacobian (or the frozen-coefficient matrix when
    /// <paramref name="picard"/>); returns the linear iterations used (0 for a direct solve).</summary>
    int SolveLinearised(ReadOnlySpan<double> u, ReadOnlySpan<double> rhs, Span<double> delta, bool picard);
}
