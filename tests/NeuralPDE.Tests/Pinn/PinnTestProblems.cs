using NeuralPDE.Core.Specs;
using NeuralPDE.Learning.Pinn;

namespace NeuralPDE.Tests.Pinn;

/// <summary>Small specs and settings for fast PINN tests.</summary>
internal static class PinnTestProblems
{
    public static ProblemSpec Load(string name, params string[] overrides) => ProblemCatalog.Problems().Load(name, overrides);

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
