using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NeuralPDE.Learning.Fno;

/// <summary>
/// The Fourier layer's kernel integral operator: (K h)(x) = F⁻¹[R · F h](x), with F the real FFT over the d spatial
/// axes (rfftn, so the last axis keeps only its non-negative half-spectrum: the negative frequencies of a real field
/// are the complex conjugates and carry no extra information), R a learned complex matrix per retained mode mixing
/// the input channels into the output channels, and all other modes set to zero. Retained modes: the lowest
/// <c>modes[k]</c> frequencies of each axis, taken at both ends (k ≥ 0 and k &lt; 0) on every axis but the last,
/// which is the half-spectrum; that gives 2^(d−1) "corners", each with its own weight tensor
/// <c>weight{c}</c> of shape [in, out, m1, …, md, 2] (real and imaginary parts in the last axis, so the parameters
/// are real tensors; <c>torch.view_as_complex</c> turns them into PyTorch's cfloat weights). The mode mixing runs
/// as one batched real matrix product over all retained modes, [P, B, 2·in] × [P, 2·in, 2·out], using
/// (a + ib)(c + id) = (ac − bd) + i(ad + bc). With the default FFT normalisation (forward unscaled, inverse 1/n) a
/// band-limited input gives the same function at every resolution.
/// </summary>
public sealed class SpectralConvolution : nn.Module<Tensor, Tensor>
{
    private readonly Parameter[] _weights;

    public SpectralConvolution(int inChannels, int outChannels, int[] modes) : base(nameof(SpectralConvolution))
    {
        ArgumentNullException.ThrowIfNull(modes);
        if (modes.Length is < 1 or > 3 || modes.Any(m => m < 1))
        {
            throw new ArgumentException($"spectral convolution: expected 1 to 3 mode counts >= 1, got [{string.Join(", ", modes)}]");
        }
        InChannels = inChannels;
        OutChannels = outChannels;
        Modes = modes.ToArray();
        int corners = 1 << (modes.Length - 1);
        _weights = new Parameter[corners];
        double scale = 1.0 / (inChannels * outChannels);
        long[] shape = [inChannels, outChannels, .. modes.Select(m => (long)m), 2];
        for (int c = 0; c < corners; c++)
        {
            using var init = torch.rand(shape).mul_(scale);
            _weights[c] = new Parameter(init.clone(), requires_grad: true);
            register_parameter($"weight{c}", _weights[c]);
        }
    }

    public int InChannels { get; }

    public int OutChannels { get; }

    public int[] Modes { get; }

    /// <summary>The weights of corner <paramref name="corner"/>, [in, out, m1, …, md, 2].</summary>
    public Parameter Weight(int corner) => _weights[corner];

    /// <summary>Checks that a grid of the given spatial sizes has room for the retained modes.</summary>
    public void CheckGrid(ReadOnlySpan<long> sizes)
    {
        int d = Modes.Length;
        for (int k = 0; k < d; k++)
        {
            long n = sizes[k];
            bool half = k == d - 1;
            long available = half ? n / 2 + 1 : n / 2;
            if (Modes[k] > available)
            {
                throw new ArgumentException(
                    $"fno modes[{k}] = {Modes[k]} needs a grid of at least {(half ? 2 * (Modes[k] - 1) : 2 * Modes[k])} points on spatial axis {k}, got {n}");
            }
        }
    }

    public override Tensor forward(Tensor input)
    {
        int d = Modes.Length;
        if (input.dim() != d + 2 || input.shape[1] != InChannels)
        {
            throw new ArgumentException($"spectral convolution: expected input [batch, {InChannels}, {d} spatial axes], got [{string.Join(", ", input.shape)}]");
        }
        long batch = input.shape[0];
        long[] sizes = input.shape[2..];
        CheckGrid(sizes);
        long[] axes = Enumerable.Range(2, d).Select(a => (long)a).ToArray();
        int corners = _weights.Length;
        using var scope = NewDisposeScope();
        Tensor spectrum = fft.rfftn(input, dim: axes);
        Tensor real = view_as_real(spectrum); // [B, I, n1, ..., K, 2]

        var pieces = new Tensor[corners];
        var weights = new Tensor[corners];
        long perCorner = Modes.Aggregate(1L, (a, m) => a * m);
        for (int c = 0; c < corners; c++)
        {
            pieces[c] = Corner(real, c, sizes).reshape(batch, InChannels, perCorner, 2);
            weights[c] = _weights[c].reshape(InChannels, OutChannels, perCorner, 2);
        }
        Tensor x = corners == 1 ? pieces[0] : cat(pieces, 2); // [B, I, P, 2]
        Tensor w = corners == 1 ? weights[0] : cat(weights, 2); // [I, O, P, 2]
        long p = x.shape[2];
        Tensor xs = x.permute(2, 0, 3, 1).reshape(p, batch, 2 * InChannels); // [P, B, (re, im) x I]
        Tensor wr = w.select(3, 0).permute(2, 0, 1); // [P, I, O]
        Tensor wi = w.select(3, 1).permute(2, 0, 1);
        Tensor block = cat([cat([wr, wi], 2), cat([wi.neg(), wr], 2)], 1); // [P, 2I, 2O]
        Tensor ys = bmm(xs, block).reshape(p, batch, 2, OutChannels).permute(1, 3, 0, 2); // [B, O, P, 2]

        long[] outShape = [batch, OutChannels, .. sizes[..^1], sizes[^1] / 2 + 1, 2];
        Tensor full = zeros(outShape, dtype: input.dtype, device: input.device);
        for (int c = 0; c < corners; c++)
        {
            long[] cornerShape = [batch, OutChannels, .. Modes.Select(m => (long)m), 2];
            Corner(full, c, sizes).copy_(ys.narrow(2, c * perCorner, perCorner).reshape(cornerShape));
        }
        Tensor result = fft.irfftn(view_as_complex(full), s: sizes, dim: axes);
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>The retained modes of corner <paramref name="corner"/> (bit k set: the negative frequencies of axis k).</summary>
    private Tensor Corner(Tensor spectrum, int corner, long[] sizes)
    {
        int d = Modes.Length;
        Tensor view = spectrum;
        for (int k = 0; k < d; k++)
        {
            bool high = k < d - 1 && ((corner >> k) & 1) == 1;
            long start = high ? sizes[k] - Modes[k] : 0;
            view = view.narrow(2 + k, start, Modes[k]);
        }
        return view;
    }
}
