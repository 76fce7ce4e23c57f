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
        using var scope = NewDisposeScope();
        // Forward transform axis by axis, dropping unneeded modes as early as possible: the real FFT along the last
        // axis keeps its first m_d modes, then each other axis is transformed and keeps both ends (2 m_k modes).
        Tensor t = fft.rfft(input, dim: -1).narrow(-1, 0, Modes[d - 1]);
        for (int k = d - 2; k >= 0; k--)
        {
            t = fft.fft_(t, dim: 2 + k);
            t = cat([t.narrow(2 + k, 0, Modes[k]), t.narrow(2 + k, sizes[k] - Modes[k], Modes[k])], 2 + k);
        }
        long[] kept = [.. Modes[..^1].Select(m => 2L * m), Modes[^1]];
        long p = kept.Aggregate(1L, (a, b) => a * b);
        Tensor xs = view_as_real(t).reshape(batch, InChannels, p, 2).permute(2, 0, 3, 1).reshape(p, batch, 2 * InChannels);
        Tensor w = FullWeight().reshape(InChannels, OutChannels, p, 2);
        Tensor wr = w.select(3, 0).permute(2, 0, 1); // [P, I, O]
        Tensor wi = w.select(3, 1).permute(2, 0, 1);
        Tensor block = cat([cat([wr, wi], 2), cat([wi.neg(), wr], 2)], 1); // [P, 2I, 2O]
        Tensor ys = bmm(xs, block).reshape(p, batch, 2, OutChannels).permute(1, 3, 0, 2).contiguous(); // [B, O, P, 2]
        Tensor u = view_as_complex(ys.reshape([batch, OutChannels, .. kept, 2]));
        // Inverse: put each axis's two ends back around zeros and transform it, then the inverse real FFT.
        for (int k = 0; k < d - 1; k++)
        {
            long gap = sizes[k] - 2L * Modes[k];
            if (gap > 0)
            {
                long[] zshape = u.shape.ToArray();
                zshape[2 + k] = gap;
                Tensor zerosBlock = zeros(zshape, dtype: u.dtype, device: u.device);
                u = cat([u.narrow(2 + k, 0, Modes[k]), zerosBlock, u.narrow(2 + k, Modes[k], Modes[k])], 2 + k);
            }
            u = fft.ifft(u, dim: 2 + k);
        }
        Tensor result = fft.irfft(u, n: sizes[d - 1], dim: -1);
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>The corner weights assembled into one [in, out, 2·m1, …, 2·m(d−1), md, 2] tensor in the order of the
    /// kept spectrum: along each axis but the last, the non-negative frequencies first, then the negative ones.</summary>
    private Tensor FullWeight()
    {
        int d = Modes.Length;
        Tensor Build(int axis, int corner)
        {
            if (axis < 0)
            {
                return _weights[corner];
            }
            Tensor low = Build(axis - 1, corner);
            Tensor high = Build(axis - 1, corner | (1 << axis));
            return cat([low, high], 2 + axis);
        }
        return Build(d - 2, 0);
    }
}
