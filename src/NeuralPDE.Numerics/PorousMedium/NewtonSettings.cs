namespace NeuralPDE.Numerics.PorousMedium;

/// <summary>
/// Newton settings: converged when max_i |R_i| &lt;= <see cref="Tolerance"/> × the system's residual scale
/// (R is a cell mass balance, so the scale is cell volume × a typical |u|); at most <see cref="MaxIterations"/>
/// damped Newton steps, then up to <see cref="MaxPicardIterations"/> Picard (frozen-coefficient) steps.
/// </summary>
public sealed record NewtonSettings(double Tolerance = 1e-12, int MaxIterations = 30, int MaxPicardIterations = 400);

/// <summary>Running totals over all time steps.</summary>
public sealed class NewtonStatistics
{
    public long NewtonIterations { get; set; }

    public long PicardIterations { get; set; }

    public long LinearIterations { get; set; }

    /// <summary>Time steps where Newton failed and Picard finished the job.</summary>
    public int PicardFallbacks { get; set; }

    public int MaxIterationsPerStep { get; set; }

    /// <summary>Largest final max |R| / scale over the steps.</summary>
    public double MaxFinalResidual { get; set; }
}
