using NeuralPDE.Numerics.Torch;
using static TorchSharp.torch;

namespace NeuralPDE.Learning.Fno;

/// <summary>
/// Adam over a list of parameter tensors with L2 weight decay added to the gradient (PyTorch's torch.optim.Adam with
/// weight_decay, which the FNO paper uses): g ← g + λ θ, m ← β1 m + (1−β1) g, v ← β2 v + (1−β2) g²,
/// θ ← θ − lr m̂ / (sqrt(v̂) + ε). The moments and the step count are the whole state, so a checkpoint restores it
/// exactly. The learning rate is set per step by the caller (see <see cref="LearningRateSchedule"/>).
/// </summary>
public sealed class FnoAdam : IDisposable
{
    public FnoAdam(IReadOnlyList<(string Name, Tensor Parameter)> parameters, double weightDecay = 0, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        WeightDecay = weightDecay;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        M = parameters.Select(p => zeros_like(p.Parameter).detach()).ToArray();
        V = parameters.Select(p => zeros_like(p.Parameter).detach()).ToArray();
    }

    public IReadOnlyList<(string Name, Tensor Parameter)> Parameters { get; }

    public double WeightDecay { get; }

    public double Beta1 { get; }

    public double Beta2 { get; }

    public double Epsilon { get; }

    public long Step { get; set; }

    public Tensor[] M { get; }

    public Tensor[] V { get; }

    /// <summary>One update from the parameters' accumulated gradients, with learning rate <paramref name="lr"/>.</summary>
    public void Update(double lr)
    {
        using var noGrad = no_grad();
        Step++;
        double bias1 = 1 - Math.Pow(Beta1, Step);
        double bias2Sqrt = Math.Sqrt(1 - Math.Pow(Beta2, Step));
        // Explicit scalars, alive until the end of the update (see HeldScalars).
        using var s = new HeldScalars(WeightDecay, Beta1, 1 - Beta1, Beta2, 1 - Beta2, bias2Sqrt, Epsilon, 1.0, -lr / bias1);
        for (int i = 0; i < Parameters.Count; i++)
        {
            using var scope = NewDisposeScope();
            Tensor theta = Parameters[i].Parameter;
            Tensor? grad = theta.grad;
            if (grad is null)
            {
                continue;
            }
            Tensor g = WeightDecay != 0 ? grad.add(theta, alpha: s[0]) : grad;
            M[i].mul_(s[1]).add_(g, alpha: s[2]);
            V[i].mul_(s[3]).addcmul_(g, g, value: s[4]);
            Tensor denominator = V[i].sqrt().div_(s[5]).add_(s[6], s[7]);
            theta.addcdiv_(M[i], denominator, value: s[8]);
        }
    }

    public void ZeroGrad()
    {
        foreach (var (_, p) in Parameters)
        {
            p.grad?.zero_();
        }
    }

    public void Dispose()
    {
        foreach (Tensor t in M.Concat(V))
        {
            t.Dispose();
        }
    }
}
