using NeuralPDE.Core.Specs;

namespace NeuralPDE.Benchmarks.Methods;

/// <summary>The classical reference solver (pseudo-spectral or finite differences). Its solve defines the comparison
/// grid, so its row reports that solve: the error against the exact solution where there is one; where there is none
/// it is the reference itself and has no error of its own.</summary>
public sealed class ClassicalMethod : IBenchmarkMethod
{
    public string Name => "classical";

    public string? NotApplicableReason(ProblemSpec spec) => null;

    public MethodOutcome Run(BenchmarkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        BenchmarkReference reference = context.Reference;
        var details = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, value) in reference.Classical.Statistics)
        {
            details[key] = value;
        }
        return new MethodOutcome(context.Spec.Name, Name, MethodStatus.Completed)
        {
            RelL2 = reference.IsExact ? reference.RelativeL2(reference.Classical.Fields[reference.Field].Values) : null,
            Reason = reference.IsExact ? null : "is the reference (no exact solution for this problem)",
            WallSeconds = reference.ClassicalSeconds,
            PeakMemoryMB = reference.ClassicalPeakMemoryMB,
            Prediction = reference.Classical.Fields.ToDictionary(kv => kv.Key, kv => kv.Value.Values, StringComparer.Ordinal),
            Details = details,
            Settings = reference.Classical.Solver,
            Seed = context.Options.Seed,
        };
    }
}
