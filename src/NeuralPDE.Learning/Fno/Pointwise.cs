using TorchSharp;
using static TorchSharp.torch;

namespace NeuralPDE.Learning.Fno;

/// <summary>Pointwise linear maps over the channel axis of [batch, channels, spatial…] tensors: a convolution with
/// kernel size 1 in 1, 2 or 3 dimensions (weight [out, in, 1, …], bias [out]; PyTorch's Conv{d}d layout).</summary>
public static class Pointwise
{
    public static nn.Module<Tensor, Tensor> Create(int inChannels, int outChannels, int dims) => dims switch
    {
        1 => nn.Conv1d(inChannels, outChannels, 1),
        2 => nn.Conv2d(inChannels, outChannels, 1),
        3 => nn.Conv3d(inChannels, outChannels, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(dims), $"expected 1 to 3 spatial axes, got {dims}"),
    };
}
