namespace NeuralPDE.Benchmarks;

/// <summary>One row of the benchmark: a method on a problem, evaluated against the problem's
/// <see cref="BenchmarkReference"/> on the reference grid.</summary>
public sealed record MethodOutcome(string Problem, string Method, MethodStatus Status)
{
    /// <summary>Why the method did not apply, failed or was interrupted (null when it completed).</summary>
    public string? Reason { get; init; }

    /// <summary>Relative L2 error of the prediction against the reference on the reference grid (masked points excluded);
    /// null for the classical solver when it is itself the reference.</summary>
    public double? RelL2 { get; init; }

    /// <summary>Wall time of the method (training and evaluation; for the classical solver, the solve).</summary>
    public double WallSeconds { get; init; }

    /// <summary>Peak resident memory while the method ran, above what the process held when it started (MB).</summary>
    public double? PeakMemoryMB { get; init; }

    /// <summary>Predicted fields on the reference grid, by name (the reference's field among them).</summary>
    public IReadOnlyDictionary<string, double[]>? Prediction { get; init; }

    /// <summary>Training curves (empty for the classical solver).</summary>
    public IReadOnlyList<LossCurve> Curves { get; init; } = [];

    /// <summary>Method-specific numbers (steps, per-field errors, published-metric checks such as Ghia's centreline).</summary>
    public IReadOnlyDictionary<string, double> Details { get; init; } = new Dictionary<string, double>();

    /// <summary>The configuration that ran, in words.</summary>
    public string Settings { get; init; } = "";

    /// <summary>The method's seed.</summary>
    public int Seed { get; init; }

    public static MethodOutcome NotApplicable(string problem, string method, string reason) =>
        new(problem, method, MethodStatus.NotApplicable) { Reason = reason };
}
