using System.Diagnostics;
using NeuralPDE.Core.Families.Poisson;
using NeuralPDE.Core.Specs;
using NeuralPDE.Learning.WalkOnSpheres;

namespace NeuralPDE.Benchmarks.Methods;

/// <summary>
/// poisson-star runs for the benchmark: the same MLP trained either on walk-on-spheres targets (no derivatives, no
/// solver data) or as a PINN (Laplacian residual), by <see cref="StarPoissonMlpTrainer"/>, and sampled on the
/// reference grid; each method with its own boundary-penalty weight (<see cref="MlpSupervisionSettings"/>). Budgets:
/// quick <see cref="QuickSteps"/> steps, standard the trainer's defaults (3,000 steps), paper the same (the WoS-NO
/// comparison proper, an FNO over the whole family, is <c>train poisson-star --method wos</c> and
/// <c>bench wos-vs-pinn --model fno</c>).
/// </summary>
public static class StarPoissonSupervision
{
    public const int QuickSteps = 300;

    public static bool Applies(ProblemSpec spec) => spec is not null && spec.Family == "poisson" && spec.Variant == "star";

    public static MlpSupervisionSettings SettingsFor(BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = new MlpSupervisionSettings { Seed = options.Seed, Threads = options.Threads };
        if (options.Budget == BenchmarkBudget.Quick)
        {
            settings = settings with { Steps = QuickSteps };
        }
        if (options.MaxSteps is int cap && cap < settings.Steps)
        {
            settings = settings with { Steps = Math.Max(1, cap) };
        }
        return settings;
    }

    public static MethodOutcome Run(BenchmarkContext context, string methodName, SupervisionMethod method)
    {
        ArgumentNullException.ThrowIfNull(context);
        MlpSupervisionSettings settings = SettingsFor(context.Options);
        string described = $"{settings.Depth}x{settings.Width} tanh MLP, {settings.Steps} Adam steps, batch {settings.Batch}"
            + (method == SupervisionMethod.Wos ? $", WoS pool {settings.Pool} points, {settings.WalksPerRefresh} walks per refresh every {settings.RefreshEvery} steps (running mean)" : ", Laplacian residual by autograd");
        context.Log?.Report($"{methodName}: {described}");
        using var memory = new MemoryProbe();
        var clock = Stopwatch.StartNew();
        var trainer = new StarPoissonMlpTrainer(StarPoissonProblem.FromSpec(context.Spec), context.Reference.Classical, settings);
        MlpSupervisionResult result = trainer.Run(method, null, context.Cancellation);
        double wall = clock.Elapsed.TotalSeconds;
        double[] steps = result.History.Select(h => (double)h.Step).ToArray();
        return new MethodOutcome(context.Spec.Name, methodName, MethodStatus.Completed)
        {
            RelL2 = context.Reference.RelativeL2(result.GridPrediction),
            WallSeconds = wall,
            PeakMemoryMB = memory.PeakIncreaseMB,
            Prediction = new Dictionary<string, double[]>(StringComparer.Ordinal) { [context.Reference.Field] = result.GridPrediction },
            Curves =
            [
                new LossCurve("loss", steps, result.History.Select(h => h.Loss).ToArray()),
                new LossCurve("relative L2 vs reference", steps, result.History.Select(h => h.RelativeL2).ToArray()),
            ],
            Details = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["steps"] = result.Steps,
                ["secondsPerStep"] = result.SecondsPerStep,
                ["walkSeconds"] = result.WalkSeconds,
                ["walks"] = result.TotalWalks,
            },
            Settings = described,
            Seed = context.Options.Seed,
        };
    }
}
