using System.Diagnostics;
using NeuralPDE.Core.Specs;
using NeuralPDE.Learning.Pinn;

namespace NeuralPDE.Benchmarks.Methods;

/// <summary>The physics-informed network with the spec's <c>pinn</c> defaults. Budgets: <c>quick</c> caps the run at
/// <see cref="QuickSteps"/> steps and <see cref="QuickSeconds"/> seconds; <c>standard</c> and <c>paper</c> run the spec's
/// configuration (for Burgers, Raissi et al.'s 8 x 20 tanh network with L-BFGS). The trained network is sampled on
/// the reference grid. For poisson-star the PINN is the one of <see cref="StarPoissonSupervision"/> (the same MLP and
/// steps as the walk-on-spheres row).</summary>
public sealed class PinnMethod : IBenchmarkMethod
{
    public const int QuickSteps = 2000;

    public const double QuickSeconds = 90;

    public string Name => "pinn";

    public string? NotApplicableReason(ProblemSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return PinnProblems.Has(spec) || StarPoissonSupervision.Applies(spec)
            ? null
            : $"no PINN formulation for {(spec.Variant.Length > 0 ? $"{spec.Family}/{spec.Variant}" : spec.Family)} (PINN covers {string.Join(", ", PinnProblems.Supported)})";
    }

    /// <summary>The settings a budget runs.</summary>
    public static PinnSettings SettingsFor(ProblemSpec spec, BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        PinnSettings settings = PinnSettings.FromSpec(spec);
        if (options.Budget == BenchmarkBudget.Quick)
        {
            settings = settings.WithTotalSteps(Math.Min(settings.TotalSteps, QuickSteps)) with
            {
                MaxSeconds = settings.MaxSeconds > 0 ? Math.Min(settings.MaxSeconds, QuickSeconds) : QuickSeconds,
            };
        }
        if (options.MaxSteps is int cap && cap < settings.TotalSteps)
        {
            settings = settings.WithTotalSteps(cap);
        }
        if (options.Threads > 0)
        {
            settings = settings with { Threads = options.Threads };
        }
        return settings;
    }

    public MethodOutcome Run(BenchmarkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ProblemSpec spec = context.Spec;
        if (StarPoissonSupervision.Applies(spec))
        {
            // the same MLP and steps as the walk-on-spheres row, trained on the Laplacian residual
            return StarPoissonSupervision.Run(context, Name, Learning.WalkOnSpheres.SupervisionMethod.Pinn);
        }
        PinnProblem problem = PinnProblems.For(spec);
        PinnSettings settings = SettingsFor(spec, context.Options);
        context.Log?.Report($"pinn: {settings.Describe()}");
        using var memory = new MemoryProbe();
        var clock = Stopwatch.StartNew();
        using var trainer = new PinnTrainer(problem, settings, new TrainingOptions
        {
            Seed = context.Options.Seed,
            Cancellation = context.Cancellation,
        });
        TrainingResult result;
        try
        {
            result = trainer.Train();
        }
        catch (TrainingStoppedException e)
        {
            return new MethodOutcome(spec.Name, Name, MethodStatus.Failed)
            {
                Reason = e.Message,
                WallSeconds = clock.Elapsed.TotalSeconds,
                PeakMemoryMB = memory.PeakIncreaseMB,
                Settings = settings.Describe(),
                Seed = context.Options.Seed,
            };
        }
        if (result.Interrupted && context.Cancellation.IsCancellationRequested)
        {
            return new MethodOutcome(spec.Name, Name, MethodStatus.Interrupted)
            {
                Reason = $"interrupted after {result.Steps} steps",
                WallSeconds = clock.Elapsed.TotalSeconds,
                PeakMemoryMB = memory.PeakIncreaseMB,
                Curves = Curves(result),
                Settings = settings.Describe(),
                Seed = context.Options.Seed,
            };
        }
        BenchmarkReference reference = context.Reference;
        IReadOnlyDictionary<string, double[]> prediction = problem.Predict(trainer.Field, reference.Axes, settings.DType);
        double wall = clock.Elapsed.TotalSeconds;
        var details = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["steps"] = result.Steps,
            ["finalLoss"] = result.FinalLoss,
            ["trainSeconds"] = result.Seconds,
            ["lbfgsIterations"] = result.LbfgsIterations,
        };
        foreach (var (name, values) in prediction)
        {
            if (reference.Classical.Exact.TryGetValue(name, out var exact) && name != reference.Field)
            {
                details[$"relL2_{name}"] = Core.Metrics.ErrorNorms.RelativeL2(values, exact.Values, reference.Mask);
            }
        }
        return new MethodOutcome(spec.Name, Name, MethodStatus.Completed)
        {
            RelL2 = reference.RelativeL2(prediction[reference.Field]),
            WallSeconds = wall,
            PeakMemoryMB = memory.PeakIncreaseMB,
            Prediction = prediction,
            Curves = Curves(result),
            Details = details,
            Settings = settings.Describe() + $"; {problem.ConstraintDescription}",
            Seed = context.Options.Seed,
        };
    }

    private static List<LossCurve> Curves(TrainingResult result)
    {
        double[] steps = result.History.Select(h => (double)h.Step).ToArray();
        return
        [
            new LossCurve("loss", steps, result.History.Select(h => h.Loss).ToArray()),
            new LossCurve("pde residual", steps, result.History.Select(h => h.PdeLoss).ToArray()),
        ];
    }
}
