using NeuralPDE.Numerics.Torch;
using static TorchSharp.torch;

namespace NeuralPDE.Learning.Optimization;

/// <summary>
/// Adam (Kingma &amp; Ba 2015) on one flat parameter vector θ:
/// m ← β1 m + (1−β1) g, v ← β2 v + (1−β2) g², θ ← θ − lr_k m/(1−β1^k) / (sqrt(v/(1−β2^k)) + ε),
/// with an exponential learning-rate schedule lr_k = lr · decay^(k / decaySteps). The moments are plain tensors
/// so that a checkpoint restores them exactly.
/// </summary>
public sealed class Adam : IDisposable
{
    public Adam(Tensor parameters, double learningRate, double decayRate = 1.0, int decaySteps = 1000, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        Parameters = parameters;
        LearningRate = learningRate;
        DecayRate = decayRate;
        DecaySteps = decaySteps;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        M = zeros_like(parameters).detach();
        V = zeros_like(parameters).detach();
    }

    public Tensor Parameters { get; }

    public double LearningRate { get; }

    public double DecayRate { get; }

    public int DecaySteps { get; }

    public double Beta1 { get; }

    public double Beta2 { get; }

    public double Epsilon { get; }

    /// <summary>Steps taken (k).</summary>
    public long Step { get; set; }

    public Tensor M { get; }

    public Tensor V { get; }

    /// <summary>The learning rate of the next step.</summary>
    public double CurrentLearningRate => LearningRate * Math.Pow(DecayRate, (double)Step / DecaySteps);

    /// <summary>One update with gradient <paramref name="gradient"/> (same shape as θ).</summary>
    public void Update(Tensor gradient)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        double lr = CurrentLearningRate;
        Step++;
        double bias1 = 1 - Math.Pow(Beta1, Step);
        double bias2 = 1 - Math.Pow(Beta2, Step);
        // Explicit scalars, alive until the end of the step (see HeldScalars).
        using var s = new HeldScalars(Beta1, 1 - Beta1, Beta2, 1 - Beta2, bias2, Epsilon, 1.0, -lr / bias1);
        M.mul_(s[0]).add_(gradient, alpha: s[1]);
        V.mul_(s[2]).addcmul_(gradient, gradient, value: s[3]);
        Tensor denominator = V.div(s[4]).sqrt_().add_(s[5], s[6]);
        Parameters.addcdiv_(M, denominator, value: s[7]);
    }

    public void Dispose()
    {
        M.Dispose();
        V.Dispose();
    }
}
