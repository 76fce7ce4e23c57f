namespace NeuralPDE.Learning.WalkOnSpheres;

/// <summary>A saved <see cref="WosTargetPool"/>: per-point sums of the walk values and of their squares, the number of
/// refresh rounds drawn (the next round's seeds follow from it), walks per point, and the walking totals.</summary>
public sealed record WosTargetPoolState(double[] Sum, double[] SumSquares, long Round, long WalksPerPoint, double WalkSeconds,
    long TotalWalks, long TotalSteps);
