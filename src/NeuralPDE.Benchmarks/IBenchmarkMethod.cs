namespace NeuralPDE.Benchmarks;

/// <summary>A method of the side-by-side benchmark (classical, pinn, fno, wos).</summary>
public interface IBenchmarkMethod
{
    /// <summary>The method's name as given to <c>--methods</c>.</summary>
    string Name { get; }

    /// <summary>Why the method does not apply to <paramref name="spec"/>, or null when it does.</summary>
    string? NotApplicableReason(Core.Specs.ProblemSpec spec);

    /// <summary>Runs the method and evaluates it against <see cref="BenchmarkContext.Reference"/>.</summary>
    MethodOutcome Run(BenchmarkContext context);
}
