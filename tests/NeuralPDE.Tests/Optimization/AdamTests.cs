using NeuralPDE.Learning.Fno;
using NeuralPDE.Learning.Optimization;
using static TorchSharp.torch;

namespace NeuralPDE.Tests.Optimization;

/// <summary>
/// Both Adam implementations against Kingma &amp; Ba's update written out in plain doubles (float64 tensors, so the two
/// agree to rounding): bias correction, ε, the PINN optimiser's exponential learning-rate decay and the FNO optimiser's
/// L2 weight decay (PyTorch's torch.optim.Adam convention: λθ added to the gradient, not decoupled).
/// </summary>
public class AdamTests
{
    private const double B1 = 0.9, B2 = 0.999, Eps = 1e-8;

    private static double Gradient(int step, int i) => Math.Sin(1.7 * step + 0.3 * i) * (1 + i % 3);

    /// <summary>The textbook update of one coordinate over <paramref name="steps"/> steps.</summary>
    private static double Reference(double theta, int i, int steps, Func<int, double> lr, double weightDecay)
    {
        double m = 0, v = 0;
        for (int k = 1; k <= steps; k++)
        {
            double g = Gradient(k, i) + weightDecay * theta;
            m = B1 * m + (1 - B1) * g;
            v = B2 * v + (1 - B2) * g * g;
            double mHat = m / (1 - Math.Pow(B1, k)), vHat = v / (1 - Math.Pow(B2, k));
            theta -= lr(k) * mHat / (Math.Sqrt(vHat) + Eps);
        }
        return theta;
    }

    [Fact]
    public void FlatAdamWithDecayMatchesTheTextbookUpdate()
    {
        using var scope = NewDisposeScope();
        const int n = 7, steps = 6;
        double[] start = Enumerable.Range(0, n).Select(i => 0.5 - 0.1 * i).ToArray();
        var theta = tensor(start, dtype: float64);
        // lr 0.05, decay 0.5 per 4 steps: the k-th step uses 0.05 · 0.5^((k − 1)/4).
        using var adam = new Adam(theta, 0.05, decayRate: 0.5, decaySteps: 4, beta1: B1, beta2: B2, epsilon: Eps);
        for (int k = 1; k <= steps; k++)
        {
            int step = k;
            adam.Update(tensor(Enumerable.Range(0, n).Select(i => Gradient(step, i)).ToArray(), dtype: float64));
        }
        double[] got = theta.data<double>().ToArray();
        for (int i = 0; i < n; i++)
        {
            double expected = Reference(start[i], i, steps, k => 0.05 * Math.Pow(0.5, (k - 1) / 4.0), 0);
            Assert.Equal(expected, got[i], 12);
        }
        Assert.Equal(steps, adam.Step);
        // The schedule matters at this tolerance: without the decay the result would be off by far more than 1e-12.
        Assert.Contains(Enumerable.Range(0, n), i => Math.Abs(got[i] - Reference(start[i], i, steps, _ => 0.05, 0)) > 1e-3);
    }

    [Fact]
    public void FnoAdamWithWeightDecayMatchesTheTextbookUpdate()
    {
        using var scope = NewDisposeScope();
        const int steps = 5;
        const double lr = 0.02, decay = 0.1;
        double[] a0 = [0.3, -0.2, 0.7, 1.1], b0 = [-0.4, 0.9];
        var a = tensor(a0, dtype: float64).reshape(2, 2).requires_grad_(true);
        var b = tensor(b0, dtype: float64).requires_grad_(true);
        using var adam = new FnoAdam([("a", a), ("b", b)], weightDecay: decay, beta1: B1, beta2: B2, epsilon: Eps);
        for (int k = 1; k <= steps; k++)
        {
            int step = k;
            adam.ZeroGrad();
            // loss = Σ c_i θ_i with c_i = Gradient(k, i): its gradient is exactly c.
            var ca = tensor(Enumerable.Range(0, 4).Select(i => Gradient(step, i)).ToArray(), dtype: float64).reshape(2, 2);
            var cb = tensor(Enumerable.Range(4, 2).Select(i => Gradient(step, i)).ToArray(), dtype: float64);
            var loss = (a * ca).sum() + (b * cb).sum();
            loss.backward();
            adam.Update(lr);
        }
        double[] got = a.detach().reshape(-1).data<double>().ToArray().Concat(b.detach().data<double>().ToArray()).ToArray();
        double[] start = a0.Concat(b0).ToArray();
        for (int i = 0; i < start.Length; i++)
        {
            Assert.Equal(Reference(start[i], i, steps, _ => lr, decay), got[i], 12);
        }
    }
}
