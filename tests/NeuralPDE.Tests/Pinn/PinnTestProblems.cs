using NeuralPDE.Core.Specs;
using NeuralPDE.Learning.Pinn;
using static TorchSharp.torch;

namespace NeuralPDE.Tests.Pinn;

/// <summary>Small specs and settings for fast PINN tests.</summary>
internal static class PinnTestProblems
{
    public static ProblemSpec Load(string name, params string[] overrides) => ProblemCatalog.Problems().Load(name, overrides);

    /// <summary><paramref name="n"/> seeded points (a, b) uniform in the box [lower, upper] of a 2-D input, a then b
    /// drawn for each, those failing <paramref name="keep"/> rejected; float64 [n, 2], requiring grad.</summary>
    public static Tensor RandomPoints(int n, double[] lower, double[] upper, int seed, Func<double, double, bool>? keep = null)
    {
        var rng = new Random(seed);
        var p = new List<double>();
        while (p.Count < 2 * n)
        {
            double a = lower[0] + (upper[0] - lower[0]) * rng.NextDouble();
            double b = lower[1] + (upper[1] - lower[1]) * rng.NextDouble();
            if (keep is null || keep(a, b))
            {
                p.Add(a);
                p.Add(b);
            }
        }
        return tensor(p.ToArray(), dtype: float64).reshape(n, 2).requires_grad_(true);
    }

    /// <summary>A tiny network and point set: a few seconds of training at most.</summary>
    public static PinnSettings Tiny(ProblemSpec spec, int adam, int lbfgs, int points = 256) => PinnSettings.FromSpec(spec) with
    {
        Width = 10,
        Depth = 2,
        Points = points,
        AdamSteps = adam,
        LbfgsSteps = lbfgs,
        LearningRate = 3e-3,
        MetricsEvery = 2,
        CheckpointEvery = 1000,
        Threads = 1,
        MaxSeconds = 0,
        Refinement = RefinementMode.None,
    };
}
