using System.Numerics;
using NeuralPDE.Numerics.Solvers;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuralPDE.Numerics.Spectral;

/// <summary>
/// Batched Fourier pseudo-spectral solver for 2-D incompressible Navier–Stokes in vorticity form on the unit torus:
/// <c>w_t + u.grad w = nu Laplacian w + f</c>, <c>u = (psi_y, -psi_x)</c>, <c>-Laplacian psi = w</c>.
/// In Fourier space (<c>rfft2</c> over the last two axes, x first): <c>psi^ = w^ / |2 pi k|^2</c>, velocity and
/// vorticity gradient by spectral differentiation, the advection <c>u w_x + v w_y</c> formed on the grid and dealiased by
/// the 2/3 rule (square mask <c>3|k_x|, 3|k_y| &lt; n</c>, as in the FNO generator). Time integration by
/// <see cref="VorticityScheme.EtdRk4"/> (diffusion exact) or <see cref="VorticityScheme.CrankNicolson"/> (FNO).
/// The advection takes one stacked inverse transform of <c>(u, v, w_x, w_y)</c> (their masked multipliers of <c>w^</c>
/// precomputed as one <c>[4, n, K]</c> tensor over the K columns <c>k_y</c> the 2/3 rule keeps; the transform along x runs
/// on those K columns only, the real transform along y zero-pads the rest) and one <c>rfft2</c> of the product. Sums use explicit cached
/// <see cref="Scalar"/> factors: TorchSharp's <c>a + b</c> creates a native Scalar that lives until its finalizer runs,
/// and thousands of those per second fragment the native heap (RSS grew by gigabytes on long runs).
/// The step is chosen per output interval from the batch's maximum speed (<see cref="SpectralTimeStepping"/>);
/// for Crank–Nicolson it is further kept below <c>nu / max|u|^2</c>, where forward-Euler advection stays stable.
/// </summary>
public sealed class TorusVorticitySpectral : IDisposable
{
    private readonly Tensor _dx, _dy, _gradients, _inverseLaplacian, _laplacian, _mask;
    private readonly Tensor? _forcingHat;
    private readonly Scalar _one = 1.0.ToScalar();
    private readonly int _keptColumns;
    private readonly double[] _linear;
    private readonly long[] _modeShape;

    /// <param name="resolution">Grid points per direction (even).</param>
    /// <param name="nu">Viscosity (&gt; 0).</param>
    /// <param name="forcing">Forcing on the grid, <c>[n, n]</c> (x first), or null for none.</param>
    /// <param name="scheme">Time integrator.</param>
    /// <param name="device">Device for all tensors.</param>
    public TorusVorticitySpectral(int resolution, double nu, Tensor? forcing, VorticityScheme scheme, Device device)
    {
        if (resolution < 4 || resolution % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "expected an even number of points >= 4");
        }
        if (!(nu > 0) || !double.IsFinite(nu))
        {
            throw new ArgumentOutOfRangeException(nameof(nu), nu, "expected a viscosity > 0");
        }
        Resolution = resolution;
        Nu = nu;
        Scheme = scheme;
        Device = device;
        int n = resolution, h = n / 2 + 1;
        double[] kx = SpectralGrid.FullWavenumbers(n), ky = SpectralGrid.HalfWavenumbers(n);
        _modeShape = [n, h];
        var dx = new Complex[n * h];
        var dy = new Complex[n * h];
        // (u, v, w_x, w_y) = irfft2(gradients * w^), dealiased: psi_y, -psi_x, w_x, w_y on the kept modes only, stored
        // for the first K columns k_y = 0..K-1 (the others are dropped by the 2/3 rule).
        _keptColumns = Enumerable.Range(0, h).Count(j => SpectralGrid.Keeps(ky[j], n));
        int kc = _keptColumns;
        var gradients = new Complex[4 * n * kc];
        var lap = new double[n * h];
        var invLap = new double[n * h];
        var mask = new double[n * h];
        _linear = new double[n * h];
        var derivX = SpectralGrid.Derivative(kx, n);
        var derivY = SpectralGrid.Derivative(ky, n);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < h; j++)
            {
                int p = i * h + j;
                double k2 = 4 * Math.PI * Math.PI * (kx[i] * kx[i] + ky[j] * ky[j]);
                lap[p] = k2;
                invLap[p] = k2 == 0 ? 0 : 1 / k2;
                _linear[p] = -nu * k2;
                dx[p] = derivX[i];
                dy[p] = derivY[j];
                bool keep = SpectralGrid.Keeps(kx[i], n) && SpectralGrid.Keeps(ky[j], n);
                mask[p] = keep ? 1 : 0;
                if (j < kc)
                {
                    Complex gx = keep ? derivX[i] : 0, gy = keep ? derivY[j] : 0;
                    int q = i * kc + j;
                    gradients[q] = gy * invLap[p];
                    gradients[n * kc + q] = -gx * invLap[p];
                    gradients[2 * n * kc + q] = gx;
                    gradients[3 * n * kc + q] = gy;
                }
            }
        }
        _dx = SpectralGrid.ComplexTensor(dx, _modeShape, device);
        _dy = SpectralGrid.ComplexTensor(dy, _modeShape, device);
        _gradients = SpectralGrid.ComplexTensor(gradients, [4, n, kc], device);
        _laplacian = SpectralGrid.RealTensor(lap, _modeShape, device);
        _inverseLaplacian = SpectralGrid.RealTensor(invLap, _modeShape, device);
        _mask = SpectralGrid.RealTensor(mask, _modeShape, device);
        if (forcing is not null)
        {
            if (forcing.dim() != 2 || forcing.shape[0] != n || forcing.shape[1] != n)
            {
                throw new ArgumentException($"expected forcing of shape [{n}, {n}], got [{string.Join(", ", forcing.shape)}]", nameof(forcing));
            }
            using var f = forcing.to(ScalarType.Float64, device);
            _forcingHat = fft.rfft2(f);
        }
    }

    public int Resolution { get; }

    public double Nu { get; }

    public VorticityScheme Scheme { get; }

    public Device Device { get; }

    /// <summary>Velocity <c>(u, v) = (psi_y, -psi_x)</c> on the grid from the Fourier vorticity <c>[B, n, n/2+1]</c>.</summary>
    public (Tensor U, Tensor V) Velocity(Tensor wHat)
    {
        using var scope = NewDisposeScope();
        Tensor psiHat = wHat * _inverseLaplacian;
        long[] s = [Resolution, Resolution];
        Tensor u = fft.irfft2(_dy * psiHat, s);
        Tensor v = fft.irfft2(-_dx * psiHat, s);
        return (u.MoveToOuterDisposeScope(), v.MoveToOuterDisposeScope());
    }

    /// <summary>The dealiased advection term <c>rfft2(u w_x + v w_y)</c> (masked by the 2/3 rule).</summary>
    public Tensor Advection(Tensor wHat) => UndealiasedAdvection(wHat).mul_(_mask);

    /// <summary>Right-hand side without diffusion: <c>-advection + f</c>.</summary>
    public Tensor Nonlinear(Tensor wHat)
    {
        Tensor r = Advection(wHat).neg_();
        return _forcingHat is null ? r : r.add_(_forcingHat, _one);
    }

    /// <summary><c>rfft2(u w_x + v w_y)</c> from the dealiased fields, before the final 2/3 mask.</summary>
    private Tensor UndealiasedAdvection(Tensor wHat)
    {
        using var scope = NewDisposeScope();
        Tensor spectra = wHat.narrow(-1, 0, _keptColumns).unsqueeze(-3) * _gradients;
        Tensor fields = fft.irfft(fft.ifft(spectra, dim: -2), Resolution, dim: -1);
        Tensor product = fields.select(-3, 0).mul_(fields.select(-3, 2)).addcmul_(fields.select(-3, 1), fields.select(-3, 3), _one);
        return fft.rfft2(product).MoveToOuterDisposeScope();
    }

    /// <summary>Largest <c>|u| + |v|</c> over the batch.</summary>
    public double MaxSpeed(Tensor wHat)
    {
        using var scope = NewDisposeScope();
        var (u, v) = Velocity(wHat);
        return (u.abs() + v.abs()).max().item<double>();
    }

    /// <summary>
    /// Integrates the batch <paramref name="w0"/> (<c>[B, n, n]</c> or <c>[n, n]</c>, x first) to <paramref name="tEnd"/>,
    /// recording <paramref name="outputTimes"/> equispaced snapshots (t = 0 included) subsampled by
    /// <paramref name="outputStride"/> in each direction. Returns <c>[B, T, n/stride, n/stride]</c> float64 on this device.
    /// </summary>
    public SpectralTrajectory Solve(Tensor w0, double tEnd, int outputTimes, int outputStride, SpectralTimeStepping stepping,
        IProgress<SolveProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(w0);
        ArgumentNullException.ThrowIfNull(stepping);
        int n = Resolution;
        if (w0.dim() is not (2 or 3) || w0.shape[^1] != n || w0.shape[^2] != n)
        {
            throw new ArgumentException($"expected w0 of shape [B, {n}, {n}] or [{n}, {n}], got [{string.Join(", ", w0.shape)}]", nameof(w0));
        }
        if (outputTimes < 2 || outputStride < 1 || n % outputStride != 0 || !(tEnd > 0))
        {
            throw new ArgumentException($"expected tEnd > 0, outputTimes >= 2 and a stride dividing {n}; got tEnd={tEnd}, outputTimes={outputTimes}, stride={outputStride}");
        }
        using var scope = NewDisposeScope();
        Tensor w = (w0.dim() == 2 ? w0.unsqueeze(0) : w0).to(ScalarType.Float64, Device);
        long batch = w.shape[0];
        int m = n / outputStride;
        double interval = tEnd / (outputTimes - 1);
        Tensor output = empty([batch, outputTimes, m, m], dtype: ScalarType.Float64, device: Device);
        output.select(1, 0).copy_(Subsample(w, outputStride));
        Tensor wHat = fft.rfft2(w);
        EtdRk4Stepper? stepper = null;
        CrankNicolsonVorticityStepper? crankNicolson = null;
        long steps = 0;
        double minDt = double.PositiveInfinity, maxDt = 0;
        try
        {
            for (int snapshot = 1; snapshot < outputTimes; snapshot++)
            {
                double dt = Math.Min(interval, StepLimit(wHat, stepping));
                int count = SpectralTimeStepping.StepsFor(interval, dt);
                dt = interval / count;
                minDt = Math.Min(minDt, dt);
                maxDt = Math.Max(maxDt, dt);
                if (Scheme == VorticityScheme.EtdRk4 && (stepper is null || stepper.TimeStep != dt))
                {
                    stepper?.Dispose();
                    stepper = new EtdRk4Stepper(_linear, _modeShape, dt, Device);
                }
                if (Scheme == VorticityScheme.CrankNicolson && (crankNicolson is null || crankNicolson.TimeStep != dt))
                {
                    crankNicolson?.Dispose();
                    crankNicolson = new CrankNicolsonVorticityStepper(_laplacian, _mask, _forcingHat, Nu, dt);
                }
                for (int s = 0; s < count; s++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    if (crankNicolson is not null)
                    {
                        using (NewDisposeScope())
                        {
                            crankNicolson.Step(wHat, UndealiasedAdvection(wHat));
                        }
                        continue;
                    }
                    Tensor next;
                    using (NewDisposeScope())
                    {
                        next = stepper!.Step(wHat, Nonlinear).MoveToOuterDisposeScope();
                    }
                    wHat.Dispose();
                    wHat = next;
                }
                steps += count;
                using (NewDisposeScope())
                {
                    output.select(1, snapshot).copy_(Subsample(fft.irfft2(wHat, [n, n]), outputStride));
                }
                progress?.Report(new SolveProgress((double)snapshot / (outputTimes - 1), $"navier-stokes t={snapshot * interval:G4}"));
            }
        }
        finally
        {
            stepper?.Dispose();
            crankNicolson?.Dispose();
        }
        var times = Enumerable.Range(0, outputTimes).Select(i => i * interval).ToArray();
        return new SpectralTrajectory(output.MoveToOuterDisposeScope(), times, steps, minDt, maxDt);
    }

    private double StepLimit(Tensor wHat, SpectralTimeStepping stepping)
    {
        if (stepping.Cfl == 0)
        {
            return stepping.TimeStep;
        }
        double speed = MaxSpeed(wHat);
        double dt = stepping.Limit(speed, 1.0 / Resolution);
        if (Scheme == VorticityScheme.CrankNicolson && speed > 0)
        {
            dt = Math.Min(dt, Nu / (speed * speed));
        }
        return dt;
    }

    private static Tensor Subsample(Tensor field, int stride)
    {
        long n = field.shape[^1];
        return stride == 1 ? field : field.slice(-2, 0, n, stride).slice(-1, 0, n, stride);
    }

    public void Dispose()
    {
        _dx.Dispose();
        _dy.Dispose();
        _gradients.Dispose();
        _laplacian.Dispose();
        _inverseLaplacian.Dispose();
        _mask.Dispose();
        _forcingHat?.Dispose();
        _one.Dispose();
    }
}
