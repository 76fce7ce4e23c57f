using NeuralPDE.Core.Specs;
using NeuralPDE.Learning.Networks;
using NeuralPDE.Learning.Sampling;
using TorchSharp;

namespace NeuralPDE.Learning.Pinn;

/// <summary>Residual-based adaptive refinement: none, RAR (add the points of largest residual; Lu et al. 2021) or
/// RAR-D (add points drawn with density ∝ |r|^k / mean |r|^k + c; Wu et al. 2023).</summary>
public enum RefinementMode
{
    None,
    Rar,
    RarD,
}

/// <summary>Soft-constraint weights: fixed, or adapted by gradient-norm balancing (Wang, Teng &amp; Perdikaris 2021:
/// λ_i ← (1−α) λ_i + α max|∇θ L_pde| / mean|∇θ L_i|).</summary>
public enum WeightMode
{
    Fixed,
    GradNorm,
}

/// <summary>
/// Training settings, read from the spec's <c>pinn</c> section (every field has a default there, so each can be
/// changed with <c>--set pinn.adam.steps=5000</c> and so on). Steps count Adam updates then L-BFGS iterations.
/// </summary>
public sealed record PinnSettings
{
    public int Width { get; init; } = 20;
    public int Depth { get; init; } = 4;
    public Activation Activation { get; init; } = Activation.Tanh;
    public int FourierFeatures { get; init; }
    public double FourierScale { get; init; } = 1.0;
    public torch.ScalarType DType { get; init; } = torch.ScalarType.Float64;

    public int Points { get; init; } = 2000;
    public CollocationMethod Method { get; init; } = CollocationMethod.LatinHypercube;
    public int ResampleEvery { get; init; }
    public int BoundaryPoints { get; init; } = 400;

    public int AdamSteps { get; init; } = 1000;
    public double LearningRate { get; init; } = 1e-3;
    public double DecayRate { get; init; } = 1.0;
    public int DecaySteps { get; init; } = 1000;

    public int LbfgsSteps { get; init; } = 1000;
    public int LbfgsHistory { get; init; } = 50;

    public RefinementMode Refinement { get; init; } = RefinementMode.None;
    public int RefineEvery { get; init; } = 1000;
    public int RefineCandidates { get; init; } = 10000;
    public int RefineAdd { get; init; } = 100;
    public double RefineK { get; init; } = 1.0;
    public double RefineC { get; init; } = 1.0;

    public WeightMode Weights { get; init; } = WeightMode.Fixed;
    public double PdeWeight { get; init; } = 1.0;
    public double ConstraintWeight { get; init; } = 1.0;
    public int WeightEvery { get; init; } = 100;
    public double WeightAlpha { get; init; } = 0.1;

    public bool Causal { get; init; }
    public double CausalEpsilon { get; init; } = 1.0;
    public int CausalBins { get; init; } = 32;

    public int MetricsEvery { get; init; } = 100;
    public int CheckpointEvery { get; init; } = 1000;
    public int Threads { get; init; }

    /// <summary>Wall-clock budget of the training loop in seconds (0 = none): the run ends cleanly at the first step past it.</summary>
    public double MaxSeconds { get; init; }

    /// <summary>Loss growth over the best loss so far that counts as divergence.</summary>
    public double DivergenceFactor { get; init; } = 1e6;

    public int TotalSteps => AdamSteps + LbfgsSteps;

    /// <summary>Splits a total step budget between Adam and L-BFGS in the configured proportion.</summary>
    public PinnSettings WithTotalSteps(int steps)
    {
        if (steps < 0)
        {
            throw new SpecException($"--steps: expected an integer >= 0, got {steps}");
        }
        int total = TotalSteps;
        int adam = total == 0 ? steps : (int)Math.Round((double)steps * AdamSteps / total);
        return this with { AdamSteps = adam, LbfgsSteps = steps - adam };
    }

    /// <summary>Reads and validates the <c>pinn</c> section (absent fields keep the defaults above).</summary>
    public static PinnSettings FromSpec(ProblemSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var d = new PinnSettings();
        string activation = spec.TextOr("pinn.network.activation", "tanh", "tanh", "sin");
        string dtype = spec.TextOr("pinn.network.dtype", "float64", "float32", "float64");
        string method = spec.TextOr("pinn.collocation.method", "lhs", "uniform", "lhs", "halton");
        string refinement = spec.TextOr("pinn.refinement.mode", "none", "none", "rar", "rar-d");
        string weights = spec.TextOr("pinn.weights.mode", "fixed", "fixed", "gradnorm");
        return new PinnSettings
        {
            Width = spec.IntegerOr("pinn.network.width", d.Width, min: 1, max: 4096),
            Depth = spec.IntegerOr("pinn.network.depth", d.Depth, min: 1, max: 64),
            Activation = activation == "sin" ? Activation.Sin : Activation.Tanh,
            FourierFeatures = spec.IntegerOr("pinn.network.fourierFeatures", 0, min: 0, max: 1024),
            FourierScale = spec.NumberOr("pinn.network.fourierScale", 1.0, min: 0, exclusiveMin: true),
            DType = dtype == "float32" ? torch.ScalarType.Float32 : torch.ScalarType.Float64,
            Points = spec.IntegerOr("pinn.collocation.points", d.Points, min: 1, max: 10_000_000),
            Method = BoxSampler.Parse(method),
            ResampleEvery = spec.IntegerOr("pinn.collocation.resampleEvery", 0, min: 0),
            BoundaryPoints = spec.IntegerOr("pinn.collocation.boundaryPoints", d.BoundaryPoints, min: 0, max: 10_000_000),
            AdamSteps = spec.IntegerOr("pinn.adam.steps", d.AdamSteps, min: 0),
            LearningRate = spec.NumberOr("pinn.adam.learningRate", d.LearningRate, min: 0, exclusiveMin: true),
            DecayRate = spec.NumberOr("pinn.adam.decayRate", 1.0, min: 0, max: 1, exclusiveMin: true),
            DecaySteps = spec.IntegerOr("pinn.adam.decaySteps", 1000, min: 1),
            LbfgsSteps = spec.IntegerOr("pinn.lbfgs.steps", d.LbfgsSteps, min: 0),
            LbfgsHistory = spec.IntegerOr("pinn.lbfgs.history", 50, min: 1, max: 1000),
            Refinement = refinement switch { "rar" => RefinementMode.Rar, "rar-d" => RefinementMode.RarD, _ => RefinementMode.None },
            RefineEvery = spec.IntegerOr("pinn.refinement.every", 1000, min: 1),
            RefineCandidates = spec.IntegerOr("pinn.refinement.candidates", 10000, min: 1),
            RefineAdd = spec.IntegerOr("pinn.refinement.add", 100, min: 1),
            RefineK = spec.NumberOr("pinn.refinement.k", 1.0, min: 0),
            RefineC = spec.NumberOr("pinn.refinement.c", 1.0, min: 0),
            Weights = weights == "gradnorm" ? WeightMode.GradNorm : WeightMode.Fixed,
            PdeWeight = spec.NumberOr("pinn.weights.pde", 1.0, min: 0, exclusiveMin: true),
            ConstraintWeight = spec.NumberOr("pinn.weights.constraints", 1.0, min: 0, exclusiveMin: true),
            WeightEvery = spec.IntegerOr("pinn.weights.every", 100, min: 1),
            WeightAlpha = spec.NumberOr("pinn.weights.alpha", 0.1, min: 0, max: 1, exclusiveMin: true),
            Causal = spec.FlagOr("pinn.causal.enabled", false),
            CausalEpsilon = spec.NumberOr("pinn.causal.epsilon", 1.0, min: 0),
            CausalBins = spec.IntegerOr("pinn.causal.bins", 32, min: 1, max: 100000),
            MetricsEvery = spec.IntegerOr("pinn.metricsEvery", 100, min: 1),
            CheckpointEvery = spec.IntegerOr("pinn.checkpointEvery", 1000, min: 1),
            Threads = spec.IntegerOr("pinn.threads", 0, min: 0, max: 1024),
            MaxSeconds = spec.NumberOr("pinn.maxSeconds", 0, min: 0),
        };
    }

    public MlpShape Shape(PinnProblem problem) => new(
        problem.FeatureLower.Length, problem.NetworkOutputs, Width, Depth, Activation, problem.FeatureLower, problem.FeatureUpper,
        FourierFeatures, FourierScale, DType);

    /// <summary>One line for logs and reports.</summary>
    public string Describe() =>
        $"{Depth}x{Width} {Activation.ToString().ToLowerInvariant()}{(FourierFeatures > 0 ? $" +{FourierFeatures} Fourier" : "")} {(DType == torch.ScalarType.Float64 ? "float64" : "float32")}, " +
        $"N_f = {Points} {Method}{(ResampleEvery > 0 ? $" resampled every {ResampleEvery}" : "")}, Adam {AdamSteps} (lr {LearningRate:G3}) + L-BFGS {LbfgsSteps}" +
        $"{(Refinement != RefinementMode.None ? $", {Refinement}" : "")}{(Weights == WeightMode.GradNorm ? ", grad-norm weights" : "")}{(Causal ? ", causal" : "")}";
}
