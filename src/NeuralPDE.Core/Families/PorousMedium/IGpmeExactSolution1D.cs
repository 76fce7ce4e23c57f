namespace NeuralPDE.Core.Families.PorousMedium;

/// <summary>An exact solution u(x, t) of a 1-D GPME u_t = (k(u) u_x)_x, with the diffusivity it solves.</summary>
public interface IGpmeExactSolution1D
{
    /// <summary>The diffusivity k(u) this solution satisfies the PDE for.</summary>
    Diffusivity Diffusivity { get; }

    /// <summary>u(x, t).</summary>
    double Value(double x, double t);
}
