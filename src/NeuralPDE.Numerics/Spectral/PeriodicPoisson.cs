using TorchSharp;
using static TorchSharp.torch;

namespace NeuralPDE.Numerics.Spectral;

/// <summary>
/// Periodic Poisson <c>-Laplacian u = f</c> on the torus [0, L)^d (d = 1 or 2) by FFT:
/// <c>u^_k = f^_k / |2 pi k / L|^2</c> for k != 0 and <c>u^_0 = 0</c> (the zero-mean solution). The equation is solvable
/// only for mean-zero f; a non-zero mean of f is projected out (the result solves <c>-Laplacian u = f - mean f</c>).
/// Acts on the last d axes of a float64 tensor, so leading axes are a batch.
/// </summary>
public static class PeriodicPoisson
{
    /// <summary>Solves for every leading index of <paramref name="f"/> (<c>[..., n]</c> or <c>[..., n, n]</c>).</summary>
    public static Tensor Solve(Tensor f, int dimensions, double length = 1.0)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (dimensions is not (1 or 2) || f.dim() < dimensions)
        {
            throw new ArgumentException($"expected dimensions 1 or 2 and a tensor with at least that many axes, got {dimensions} and [{string.Join(", ", f.shape)}]");
        }
        if (!(length > 0) || !double.IsFinite(length))
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "expected a period > 0");
        }
        using var scope = NewDisposeScope();
        Tensor source = f.to(ScalarType.Float64);
        double scale = 4 * Math.PI * Math.PI / (length * length);
        if (dimensions == 1)
        {
            int n = (int)f.shape[^1];
            double[] k = SpectralGrid.HalfWavenumbers(n);
            Tensor inverse = SpectralGrid.RealTensor(k.Select(m => m == 0 ? 0 : 1 / (scale * m * m)).ToArray(), [k.Length], f.device);
            return fft.irfft(fft.rfft(source, dim: -1) * inverse, n, dim: -1).MoveToOuterDisposeScope();
        }
        int nx = (int)f.shape[^2], ny = (int)f.shape[^1];
        double[] kx = SpectralGrid.FullWavenumbers(nx), ky = SpectralGrid.HalfWavenumbers(ny);
        var inv = new double[nx * ky.Length];
        for (int i = 0; i < nx; i++)
        {
            for (int j = 0; j < ky.Length; j++)
            {
                double k2 = kx[i] * kx[i] + ky[j] * ky[j];
                inv[i * ky.Length + j] = k2 == 0 ? 0 : 1 / (scale * k2);
            }
        }
        Tensor inverse2 = SpectralGrid.RealTensor(inv, [nx, ky.Length], f.device);
        return fft.irfft2(fft.rfft2(source) * inverse2, [nx, ny]).MoveToOuterDisposeScope();
    }
}
