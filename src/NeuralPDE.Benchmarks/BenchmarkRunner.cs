using System.Diagnostics;
using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Solvers;

namespace NeuralPDE.Benchmarks;

/// <summary>
/// Runs each method on each problem against one reference per problem. A method that does not apply gets a row with
/// the reason; one that fails gets a row with the error; cancellation marks the running and the remaining rows
/// interrupted and returns what finished. <see cref="RowFinished"/> fires after every row, so that a caller can keep
/// the written report current (an interrupted or killed run leaves a report of what finished).
/// </summary>
public sealed class BenchmarkRunner(IReadOnlyList<IBenchmarkMethod> methods, BenchmarkOptions options)
{
    public IReadOnlyList<IBenchmarkMethod> Methods { get; } = methods ?? throw new ArgumentNullException(nameof(methods));

    public BenchmarkOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Progress lines.</summary>
    public IProgress<string>? Log { get; init; }

    /// <summary>Called after each row with the results so far.</summary>
    public Action<BenchmarkResults>? RowFinished { get; init; }

    public BenchmarkResults Run(IReadOnlyList<ProblemSpec> problems, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var results = new BenchmarkResults(Options, Methods.Select(m => m.Name).ToArray(), EnvironmentInfo.Capture(Options));
        var clock = Stopwatch.StartNew();
        foreach (ProblemSpec spec in problems)
        {
            var problem = new ProblemResult(spec.Name, spec.Description);
            results.Problems.Add(problem);
            if (!cancellation.IsCancellationRequested)
            {
                problem.Reference = ComputeReference(spec, problem, cancellation);
            }
            foreach (IBenchmarkMethod method in Methods)
            {
                problem.Outcomes.Add(RunOne(method, spec, problem, cancellation));
                results.WallSeconds = clock.Elapsed.TotalSeconds;
                results.Interrupted = cancellation.IsCancellationRequested;
                RowFinished?.Invoke(results);
            }
        }
        results.WallSeconds = clock.Elapsed.TotalSeconds;
        results.Interrupted = cancellation.IsCancellationRequested;
        return results;
    }

    private BenchmarkReference? ComputeReference(ProblemSpec spec, ProblemResult problem, CancellationToken cancellation)
    {
        Log?.Report($"{spec.Name}: reference ({ReferenceSolvers.For(spec).Name})");
        try
        {
            using var memory = new MemoryProbe();
            var clock = Stopwatch.StartNew();
            ReferenceSolution solution = ReferenceSolvers.For(spec).Solve(spec, new SolveOptions
            {
                Seed = Options.Seed,
                Device = Options.Device,
                Cancellation = cancellation,
            });
            return new BenchmarkReference(spec, solution, clock.Elapsed.TotalSeconds, memory.PeakIncreaseMB);
        }
        catch (OperationCanceledException)
        {
            problem.ReferenceFailure = "interrupted while computing the reference";
        }
        catch (Exception e) when (e is SpecException or InvalidOperationException or ArgumentException or IOException or ArithmeticException)
        {
            problem.ReferenceFailure = $"reference failed: {e.Message}";
        }
        return null;
    }

    private MethodOutcome RunOne(IBenchmarkMethod method, ProblemSpec spec, ProblemResult problem, CancellationToken cancellation)
    {
        if (method.NotApplicableReason(spec) is string reason)
        {
            return MethodOutcome.NotApplicable(spec.Name, method.Name, reason);
        }
        if (cancellation.IsCancellationRequested)
        {
            return new MethodOutcome(spec.Name, method.Name, MethodStatus.Interrupted) { Reason = "not run: the benchmark was interrupted" };
        }
        if (problem.Reference is null)
        {
            return new MethodOutcome(spec.Name, method.Name, MethodStatus.Failed) { Reason = $"not run: {problem.ReferenceFailure}" };
        }
        Log?.Report($"{spec.Name}: {method.Name}");
        try
        {
            MethodOutcome outcome = method.Run(new BenchmarkContext(problem.Reference, Options) { Cancellation = cancellation, Log = Log });
            Log?.Report($"{spec.Name}: {method.Name} {Describe(outcome)}");
            return outcome;
        }
        catch (OperationCanceledException)
        {
            return new MethodOutcome(spec.Name, method.Name, MethodStatus.Interrupted) { Reason = "interrupted while running" };
        }
        catch (Exception e) when (e is SpecException or InvalidOperationException or ArgumentException or IOException or ArithmeticException or System.Runtime.InteropServices.ExternalException)
        {
            return new MethodOutcome(spec.Name, method.Name, MethodStatus.Failed) { Reason = e.Message };
        }
    }

    private static string Describe(MethodOutcome outcome) => outcome.Status switch
    {
        MethodStatus.Completed => outcome.RelL2 is double r ? $"relL2 {r:E2} in {outcome.WallSeconds:F1} s" : $"done in {outcome.WallSeconds:F1} s",
        _ => $"{outcome.Status}: {outcome.Reason}",
    };
}
