using NeuralPDE.Learning.Fno;
using static TorchSharp.torch;

namespace NeuralPDE.Tests.Fno;

/// <summary>The losses against hand-computed values; the normaliser round trip and its resolution guard; the
/// learning-rate schedules at known epochs.</summary>
public class FnoLossAndNormalizerTests
{
    [Fact]
    public void RelativeL2MatchesAHandComputation()
    {
        using var y = tensor(new float[] { 3, 4, 1, 0 }).reshape(2, 1, 2);
        using var p = tensor(new float[] { 3, 5, 1, 1 }).reshape(2, 1, 2);
        using var e = FnoLoss.RelativeLp(p, y);
        Assert.Equal(1.0 / 5.0, e[0].item<float>(), 6);
        Assert.Equal(1.0, e[1].item<float>(), 6);
    }

    [Fact]
    public void RelativeH1WeighsOscillatoryErrorsMore()
    {
        int n = 64;
        using var x = arange(n, dtype: ScalarType.Float32) / n;
        using var y = sin(2 * Math.PI * x).reshape(1, 1, n);
        using var smooth = (y + 0.01 * cos(2 * Math.PI * x)).reshape(1, 1, n);
        using var rough = (y + 0.01 * cos(2 * Math.PI * 10 * x)).reshape(1, 1, n);
        double l2Smooth = FnoLoss.RelativeLp(smooth, y).item<float>(), l2Rough = FnoLoss.RelativeLp(rough, y).item<float>();
        double h1Smooth = FnoLoss.RelativeH1(smooth, y).item<float>(), h1Rough = FnoLoss.RelativeH1(rough, y).item<float>();
        Assert.Equal(l2Smooth, l2Rough, 4);
        // |D cos(2 pi k x)| ~ 2 pi k: the k = 10 error counts about 10 times more in H1.
        Assert.InRange(h1Rough / h1Smooth, 7.0, 11.0);
    }

    [Fact]
    public void NormaliserRoundTripsAndGuardsTheResolution()
    {
        random.manual_seed(0);
        using var data = randn(10, 2, 8) * 3 + 1;
        using var point = UnitGaussianNormalizer.Fit(data, NormalizerMode.Pointwise);
        using var encoded = point.Encode(data);
        Assert.True(encoded.mean([0]).abs().max().item<float>() < 1e-5f);
        using var decoded = point.Decode(encoded);
        Assert.True((decoded - data).abs().max().item<float>() < 1e-4f);
        using var other = randn(3, 2, 16);
        var e = Assert.Throws<ArgumentException>(() => point.Encode(other));
        Assert.Contains("tied to the training resolution", e.Message);
        using var channel = UnitGaussianNormalizer.Fit(data, NormalizerMode.Channel);
        using var fine = channel.Encode(other);
        Assert.Equal(other.shape, fine.shape);
    }

    [Fact]
    public void SchedulesAtKnownEpochs()
    {
        var step = new LearningRateSchedule("step", 1e-3, 100, 0.5, 500);
        Assert.Equal(1e-3, step.At(99));
        Assert.Equal(5e-4, step.At(100));
        Assert.Equal(2.5e-4, step.At(250), 15);
        Assert.Equal(1.25e-4, step.At(300), 15);
        var cosine = new LearningRateSchedule("cosine", 1e-3, 100, 0.5, 200);
        Assert.Equal(1e-3, cosine.At(0), 12);
        Assert.Equal(5e-4, cosine.At(100), 12);
        Assert.Equal(0.0, cosine.At(200), 12);
    }
}
