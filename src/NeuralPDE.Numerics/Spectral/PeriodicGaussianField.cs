using NeuralPDE.Core.RandomFields;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuralPDE.Numerics.Spectral;

/// <summary>
/// Samples the mean-zero Gaussian random field <c>N(0, sigma^2 (-Laplacian + tau^2 I)^(-alpha))</c> on the unit torus
/// (<see cref="PeriodicGaussianFieldParameters"/>) on an n-point (1-D) or n x n (2-D) grid by FFT:
/// <c>u(x) = Re sum_k sqrt(2 lambda_k) z_k exp(2 pi i k.x)</c> over the grid's wavenumbers, with i.i.d. standard
/// complex normals z_k (E|z|^2 = 1). Then <c>E[u(x) u(y)] = sum_k lambda_k cos(2 pi k.(x - y))</c>: the covariance
/// truncated to the grid. The mean mode (k = 0) and the Nyquist modes (any |k_i| = n/2) are zero.
/// Each sample draws its noise from its own CPU <see cref="torch.Generator"/> seeded with that sample's seed, so a
/// sample depends only on its seed: the same on every device and whatever batch it is drawn in.
/// </summary>
public sealed class PeriodicGaussianField
{
    private readonly double[] _sqrtTwoLambda;

    public PeriodicGaussianField(int dimensions, int resolution, PeriodicGaussianFieldParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (dimensions is not (1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, "expected 1 or 2");
        }
        if (resolution < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "expected at least 2 points");
        }
        Dimensions = dimensions;
        Resolution = resolution;
        Parameters = parameters;
        double[] k = SpectralGrid.FullWavenumbers(resolution);
        int n = resolution;
        _sqrtTwoLambda = new double[dimensions == 1 ? n : n * n];
        for (int i = 0; i < _sqrtTwoLambda.Length; i++)
        {
            double kx = k[dimensions == 1 ? i : i / n], ky = dimensions == 1 ? 0 : k[i % n];
            bool nyquist = SpectralGrid.IsNyquist(kx, n) || SpectralGrid.IsNyquist(ky, n);
            _sqrtTwoLambda[i] = nyquist ? 0 : Math.Sqrt(2 * parameters.Eigenvalue(kx * kx + ky * ky));
        }
    }

    public int Dimensions { get; }

    public int Resolution { get; }

    public PeriodicGaussianFieldParameters Parameters { get; }

    /// <summary>Sum of the mode variances kept on this grid: the pointwise variance E[u(x)^2].</summary>
    public double PointwiseVariance => _sqrtTwoLambda.Sum(s => s * s / 2);

    /// <summary>Shape of one sample: [n] or [n, n].</summary>
    public long[] SampleShape => Dimensions == 1 ? [Resolution] : [Resolution, Resolution];

    /// <summary>Draws one sample per seed: float64 <c>[B, n]</c> or <c>[B, n, n]</c> on <paramref name="device"/>.</summary>
    public Tensor Sample(IReadOnlyList<long> seeds, Device device)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count == 0)
        {
            throw new ArgumentException("expected at least one seed", nameof(seeds));
        }
        using var scope = NewDisposeScope();
        long[] noiseShape = [.. SampleShape, 2];
        var noise = new Tensor[seeds.Count];
        for (int b = 0; b < seeds.Count; b++)
        {
            using var generator = new Generator(unchecked((ulong)seeds[b]), CPU);
            noise[b] = randn(noiseShape, dtype: ScalarType.Float64, device: CPU, generator: generator);
        }
        // (a + i b) / sqrt(2): standard complex normal with E|z|^2 = 1.
        Tensor z = view_as_complex(stack(noise).to(device)) / Math.Sqrt(2);
        Tensor coefficients = z * SpectralGrid.RealTensor(_sqrtTwoLambda, SampleShape, device);
        Tensor field = Dimensions == 1
            ? fft.ifft(coefficients, dim: -1, norm: FFTNormType.Forward).real
            : fft.ifft2(coefficients, dim: [-2, -1], norm: FFTNormType.Forward).real;
        return field.contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>Draws one sample from <paramref name="seed"/>: <c>[n]</c> or <c>[n, n]</c>.</summary>
    public Tensor Sample(long seed, Device device)
    {
        using var scope = NewDisposeScope();
        return Sample([seed], device)[0].contiguous().MoveToOuterDisposeScope();
    }
}
