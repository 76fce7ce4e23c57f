using NeuralPDE.Learning.Fno;
using static TorchSharp.torch;

namespace NeuralPDE.Tests.Fno;

/// <summary>The spectral convolution acts on functions, not grids: on band-limited input its output at a coarse grid
/// equals the fine-grid output sampled there; it keeps exactly the configured modes; it rejects a grid too small.</summary>
public class SpectralConvolutionTests
{
    private static Tensor BandLimited1D(int n, int channels)
    {
        // Sum of modes k = 0..5 with fixed amplitudes and phases, sampled at x_j = j/n.
        using var scope = NewDisposeScope();
        Tensor x = arange(n, dtype: ScalarType.Float64) / n;
        var rows = new Tensor[channels];
        for (int c = 0; c < channels; c++)
        {
            Tensor f = zeros(n, dtype: ScalarType.Float64);
            for (int k = 0; k <= 5; k++)
            {
                f = f + (0.3 + 0.1 * c + 0.05 * k) * cos(2 * Math.PI * k * x + 0.7 * k + c);
            }
            rows[c] = f;
        }
        return stack(rows).unsqueeze(0).to(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    [Fact]
    public void OneDimensionalOutputIsResolutionInvariantOnBandLimitedInput()
    {
        random.manual_seed(1);
        using var conv = new SpectralConvolution(3, 2, [8]);
        using var coarse = BandLimited1D(32, 3);
        using var fine = BandLimited1D(128, 3);
        using var yc = conv.forward(coarse);
        using var yf = conv.forward(fine);
        using var sampled = yf.index_select(2, arange(0, 128, 4));
        double rel = FnoTestSupport.RelativeDifference(yc, sampled);
        Assert.True(rel < 1e-5, $"coarse vs fine relative difference {rel:E2}");
        Assert.True(yc.norm().item<float>() > 1e-3f, "the output must not vanish");
    }

    [Fact]
    public void TwoDimensionalOutputIsResolutionInvariantIncludingNegativeFrequencies()
    {
        random.manual_seed(2);
        using var conv = new SpectralConvolution(2, 2, [6, 6]);
        Tensor Field(int n)
        {
            using var scope = NewDisposeScope();
            Tensor g = arange(n, dtype: ScalarType.Float64) / n;
            Tensor x = g.reshape(n, 1), y = g.reshape(1, n);
            // k = (3, -2) and (-4, 5) exercise both corners of the first axis.
            Tensor a = cos(2 * Math.PI * (3 * x - 2 * y) + 0.4) + 0.5 * sin(2 * Math.PI * (-4 * x + 5 * y)) + 0.2;
            Tensor b = sin(2 * Math.PI * (1 * x + 4 * y)) - 0.3 * cos(2 * Math.PI * (-5 * x + 1 * y));
            return stack([a, b]).unsqueeze(0).to(ScalarType.Float32).MoveToOuterDisposeScope();
        }
        using var coarse = Field(16);
        using var fine = Field(48);
        using var yc = conv.forward(coarse);
        using var yf = conv.forward(fine);
        using var idx = arange(0, 48, 3);
        using var sampled = yf.index_select(2, idx).index_select(3, idx);
        double rel = FnoTestSupport.RelativeDifference(yc, sampled);
        Assert.True(rel < 1e-5, $"coarse vs fine relative difference {rel:E2}");
    }

    [Fact]
    public void ModesAboveTheCutoffAreRemoved()
    {
        random.manual_seed(3);
        using var conv = new SpectralConvolution(1, 1, [4]);
        using var x = cos(2 * Math.PI * 9 * arange(64, dtype: ScalarType.Float32) / 64).reshape(1, 1, 64);
        using var y = conv.forward(x);
        Assert.True(y.abs().max().item<float>() < 1e-5f);
    }

    [Fact]
    public void AGridTooSmallForTheModesIsAClearError()
    {
        using var conv = new SpectralConvolution(1, 1, [12, 12]);
        using var x = zeros(1, 1, 16, 32);
        var e = Assert.Throws<ArgumentException>(() => conv.forward(x));
        Assert.Contains("modes[0] = 12", e.Message);
    }
}
