using System.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuralPDE.Numerics.Spectral;

/// <summary>
/// Fourier wavenumbers of an n-point periodic grid on the unit interval, in the layouts of <c>fft</c>
/// (0, 1, ..., n/2-1, -n/2, ..., -1) and <c>rfft</c> (0, 1, ..., n/2), and the 2/3-rule dealiasing mask:
/// a mode m is kept when <c>3 |m| &lt; n</c>, so products of two kept modes never alias onto a kept mode.
/// The spectral derivative <c>d/dx -&gt; 2 pi i m</c> is set to zero at the Nyquist mode m = -n/2 (odd derivatives of
/// a real field must be real there).
/// </summary>
public static class SpectralGrid
{
    /// <summary>Integer wavenumbers in <c>fft</c> order.</summary>
    public static double[] FullWavenumbers(int n)
    {
        var k = new double[n];
        for (int i = 0; i < n; i++)
        {
            k[i] = i < (n + 1) / 2 ? i : i - n;
        }
        return k;
    }

    /// <summary>Integer wavenumbers in <c>rfft</c> order (n/2 + 1 entries).</summary>
    public static double[] HalfWavenumbers(int n)
    {
        var k = new double[n / 2 + 1];
        for (int i = 0; i < k.Length; i++)
        {
            k[i] = i;
        }
        return k;
    }

    /// <summary>The 2/3 rule: mode m of an n-point grid survives dealiasing when 3|m| &lt; n.</summary>
    public static bool Keeps(double m, int n) => 3 * Math.Abs(m) < n;

    /// <summary>Whether m is the Nyquist mode of an even n-point grid.</summary>
    public static bool IsNyquist(double m, int n) => n % 2 == 0 && Math.Abs(m) == n / 2;

    /// <summary>The factor <c>2 pi i m</c> of d/dx (zero at the Nyquist mode) for wavenumbers <paramref name="m"/>.</summary>
    public static Complex[] Derivative(IReadOnlyList<double> m, int n)
    {
        var d = new Complex[m.Count];
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = IsNyquist(m[i], n) ? Complex.Zero : new Complex(0, 2 * Math.PI * m[i]);
        }
        return d;
    }

    /// <summary>A complex128 tensor of the given shape on <paramref name="device"/>. Built from its real and imaginary
    /// parts: in TorchSharp 0.107 a tensor made by <c>torch.tensor(Complex[], dtype: ComplexFloat64)</c> crashes the process
    /// in later complex multiplications.</summary>
    public static Tensor ComplexTensor(Complex[] values, long[] shape, Device device)
    {
        ArgumentNullException.ThrowIfNull(values);
        using var re = RealTensor(values.Select(c => c.Real).ToArray(), shape, device);
        using var im = RealTensor(values.Select(c => c.Imaginary).ToArray(), shape, device);
        return torch.complex(re, im);
    }

    /// <summary>A float64 tensor of the given shape on <paramref name="device"/>.</summary>
    public static Tensor RealTensor(double[] values, long[] shape, Device device)
        => torch.tensor(values, dtype: ScalarType.Float64, device: device).reshape(shape);
}
