namespace NeuralPDE.Benchmarks;

/// <summary>A number from the literature that a benchmark row is compared with: quoted, never re-run.</summary>
public sealed record PublishedFigure(string Problem, string Method, string Metric, string Value, string Source);
