namespace NeuralPDE.Numerics.PorousMedium;

/// <summary>
/// Implicit time discretisation of M du/dt = −div F(u): backward Euler (a0 u^{n+1} − u^n, a0 = 1) or BDF2 with a
/// constant step ((3/2) u^{n+1} − 2 u^n + (1/2) u^{n−1}; the first step is backward Euler). Both are conservative:
/// summed over cells the fluxes telescope, leaving the same recurrence for the total mass and the boundary inflow.
/// (Crank–Nicolson is not offered: it rings at degenerate fronts and the Stefan jump.)
/// </summary>
public enum GpmeTimeScheme
{
    BackwardEuler,
    Bdf2,
}
