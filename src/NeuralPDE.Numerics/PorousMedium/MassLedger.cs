namespace NeuralPDE.Numerics.PorousMedium;

/// <summary>
/// Discrete mass bookkeeping for a conservative implicit scheme. Summing the cell balances of one step, the
/// interior fluxes telescope and the total mass M = Σ u_i |cell| obeys the time scheme's recurrence driven by
/// the boundary inflow only: M^{n+1} − M^n = Δt I^{n+1} (backward Euler) or (3/2)M^{n+1} − 2M^n + (1/2)M^{n−1}
/// = Δt I^{n+1} (BDF2), I = net inflow computed from the same discrete boundary fluxes. The ledger integrates I
/// with the same recurrence into Q^n, so that M^n − M^0 − Q^n vanishes up to rounding and solver tolerances;
/// <see cref="RelativeDrift"/> is its maximum over the steps divided by the largest of |M^0|, |M^n|, |Q^n|.
/// </summary>
public sealed class MassLedger
{
    private double _q;
    private double _qPrevious;
    private double _scale;

    public MassLedger(double initialMass)
    {
        InitialMass = initialMass;
        _scale = Math.Abs(initialMass);
    }

    public double InitialMass { get; }

    /// <summary>Accumulated boundary inflow Q^n.</summary>
    public double Inflow => _q;

    /// <summary>Largest |M^n − M^0 − Q^n| seen.</summary>
    public double MaxAbsoluteDrift { get; private set; }

    /// <summary>Largest |M^n − M^0 − Q^n| / max(|M^0|, |M^k|, |Q^k|).</summary>
    public double RelativeDrift => _scale == 0 ? MaxAbsoluteDrift : MaxAbsoluteDrift / _scale;

    /// <summary>Records one step: the inflow Δt·I^{n+1}, the scheme used for it and the new mass M^{n+1}.</summary>
    public void Record(double dtInflow, GpmeTimeScheme scheme, double mass)
    {
        double next = scheme == GpmeTimeScheme.Bdf2
            ? (2 * _q - 0.5 * _qPrevious + dtInflow) / 1.5
            : _q + dtInflow;
        _qPrevious = _q;
        _q = next;
        _scale = Math.Max(_scale, Math.Max(Math.Abs(mass), Math.Abs(_q)));
        MaxAbsoluteDrift = Math.Max(MaxAbsoluteDrift, Math.Abs(mass - InitialMass - _q));
    }
}
