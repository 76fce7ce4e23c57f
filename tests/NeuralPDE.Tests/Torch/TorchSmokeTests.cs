using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuralPDE.Tests.Torch;

/// <summary>TorchSharp loads (the build's ELF fix worked) and its FFT and autograd give known answers.</summary>
public class TorchSmokeTests
{
    [Fact]
    public void TensorFftAndSecondOrderAutogradWork()
    {
        using var scope = NewDisposeScope();
        // FFT of a pure cosine: energy only at wavenumbers +-3.
        int n = 32;
        var x = linspace(0, 2 * Math.PI, n + 1, dtype: float64)[..n];
        var f = cos(3 * x);
        var spectrum = fft.rfft(f).abs();
        Assert.Equal(n / 2.0, spectrum[3].item<double>(), 10);
        Assert.True(spectrum.sum().item<double>() - spectrum[3].item<double>() < 1e-10);

        // d/dx and d2/dx2 of x^3 at x = 2: 12 and 12.
        var p = tensor(2.0, dtype: float64, requires_grad: true);
        var y = p.pow(3);
        var dy = autograd.grad([y], [p], create_graph: true, retain_graph: true)[0];
        var d2y = autograd.grad([dy], [p])[0];
        Assert.Equal(12.0, dy.item<double>(), 12);
        Assert.Equal(12.0, d2y.item<double>(), 12);
    }

    [Fact]
    public void CudaWithoutAGpuFailsWithOneLine()
    {
        if (cuda.is_available())
        {
            return; // a GPU machine: nothing to check here
        }
        var e = Assert.Throws<SpecException>(() => ComputeDevice.Resolve("cuda"));
        Assert.Contains("CUDA is not available", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(torch.CPU.type, ComputeDevice.Resolve("cpu").type);
        Assert.Throws<SpecException>(() => ComputeDevice.Resolve("tpu"));
    }
}
