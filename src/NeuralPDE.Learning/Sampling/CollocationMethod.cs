namespace NeuralPDE.Learning.Sampling;

/// <summary>How collocation points are drawn in a box: independent uniform, Latin hypercube (one point per
/// stratum in every coordinate, McKay et al. 1979) or the Halton low-discrepancy sequence with a random
/// Cranley–Patterson shift (so that resampling gives a fresh, still low-discrepancy set).</summary>
public enum CollocationMethod
{
    Uniform,
    LatinHypercube,
    Halton,
}
