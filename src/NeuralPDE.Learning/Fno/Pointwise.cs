using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NeuralPDE.Learning.Fno;

/// <summary>
/// A pointwise linear map over the channel axis of [batch, channels, n1, …, nd] tensors — the same function and
/// parameters as PyTorch's Conv{d}d with kernel size 1 (weight [out, in, 1, …, 1], bias [out], initialised like it:
/// uniform in ±1/sqrt(in)) — computed as one batched matrix product W · h over the flattened grid, which libtorch runs
/// faster than a 1×1 convolution on the CPU.
/// </summary>
public sealed class Pointwise : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;

    public Pointwise(int inChannels, int outChannels, int dims) : base(nameof(Pointwise))
    {
        if (dims is < 1 or > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(dims), $"expected 1 to 3 spatial axes, got {dims}");
        }
        InChannels = inChannels;
        OutChannels = outChannels;
        double bound = 1.0 / Math.Sqrt(inChannels);
        long[] shape = [outChannels, inChannels, .. Enumerable.Repeat(1L, dims)];
        using (var w = torch.empty(shape).uniform_(-bound, bound))
        using (var b = torch.empty(outChannels).uniform_(-bound, bound))
        {
            weight = new Parameter(w.clone(), requires_grad: true);
            bias = new Parameter(b.clone(), requires_grad: true);
        }
        register_parameter(nameof(weight), weight);
        register_parameter(nameof(bias), bias);
    }

    public int InChannels { get; }

    public int OutChannels { get; }

    public static nn.Module<Tensor, Tensor> Create(int inChannels, int outChannels, int dims) => new Pointwise(inChannels, outChannels, dims);

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        long[] shape = input.shape;
        Tensor flat = input.reshape(shape[0], shape[1], -1);
        Tensor w = weight.reshape(OutChannels, InChannels);
        Tensor y = matmul(w, flat).add_(bias.reshape(1, OutChannels, 1));
        return y.reshape([shape[0], OutChannels, .. shape[2..]]).MoveToOuterDisposeScope();
    }
}
