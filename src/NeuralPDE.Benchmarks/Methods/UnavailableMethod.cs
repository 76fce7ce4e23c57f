using NeuralPDE.Core.Specs;

namespace NeuralPDE.Benchmarks.Methods;

/// <summary>A method named by the benchmark that this build does not provide yet: every problem gets a row with the reason.</summary>
public sealed class UnavailableMethod(string name, string reason) : IBenchmarkMethod
{
    public string Name { get; } = name;

    public string Reason { get; } = reason;

    public string? NotApplicableReason(ProblemSpec spec) => Reason;

    public MethodOutcome Run(BenchmarkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return MethodOutcome.NotApplicable(context.Spec.Name, Name, Reason);
    }
}
