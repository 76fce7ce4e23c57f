using TorchSharp;
using static TorchSharp.torch;

namespace NeuralPDE.Learning.Fno;

/// <summary>One Fourier layer without its activation: K h + W h, K a <see cref="SpectralConvolution"/> and W a
/// pointwise (kernel-size-1) convolution with bias, optionally after instance normalisation of h.</summary>
public sealed class FourierLayer : nn.Module<Tensor, Tensor>
{
    private readonly SpectralConvolution spectral;
    private readonly nn.Module<Tensor, Tensor> pointwise;
    private readonly bool _instanceNorm;

    public FourierLayer(int width, int[] modes, bool instanceNorm) : base(nameof(FourierLayer))
    {
        ArgumentNullException.ThrowIfNull(modes);
        spectral = new SpectralConvolution(width, width, modes);
        pointwise = Pointwise.Create(width, width, modes.Length);
        _instanceNorm = instanceNorm;
        register_module(nameof(spectral), spectral);
        register_module(nameof(pointwise), pointwise);
    }

    public SpectralConvolution Spectral => spectral;

    public override Tensor forward(Tensor input)
    {
        if (!_instanceNorm)
        {
            using Tensor k = spectral.forward(input);
            using Tensor w = pointwise.forward(input);
            return k.add(w);
        }
        using Tensor normed = nn.functional.instance_norm(input);
        using Tensor kn = spectral.forward(normed);
        using Tensor wn = pointwise.forward(normed);
        return kn.add(wn);
    }
}
