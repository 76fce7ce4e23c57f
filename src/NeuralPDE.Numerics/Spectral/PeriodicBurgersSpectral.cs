using NeuralPDE.Numerics.Solvers;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuralPDE.Numerics.Spectral;

/// <summary>
/// Batched Fourier pseudo-spectral solver for viscous Burgers <c>u_t + (u^2/2)_x = nu u_xx</c> on the periodic unit
/// interval. In Fourier space <c>v = rfft(u)</c>: <c>v' = L v + N(v)</c> with <c>L = -nu (2 pi m)^2</c> and
/// <c>N(v) = -(1/2) (2 pi i m) rfft(irfft(v)^2)</c>, dealiased by the 2/3 rule (the modes 3|m| &gt;= n are dropped
/// before squaring and after). Time integration by
/// ETDRK4 (<see cref="EtdRk4Stepper"/>, Kassam–Trefethen coefficients). Works on float64 tensors <c>[B, n]</c> on
/// any device; every sample in the batch advances with the same step.
/// </summary>
public sealed class PeriodicBurgersSpectral : IDisposable
{
    private readonly Tensor _halfDerivative; // -(1/2) 2 pi i m, zero where dealiased
    private readonly Tensor _mask; // 1 on the modes kept by the 2/3 rule
    private readonly double[] _linear;

    public PeriodicBurgersSpectral(int resolution, double nu, Device device)
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
        Device = device;
        double[] m = SpectralGrid.HalfWavenumbers(resolution);
        var derivative = SpectralGrid.Derivative(m, resolution);
        _linear = new double[m.Length];
        var mask = new double[m.Length];
        for (int i = 0; i < m.Length; i++)
        {
            double k = 2 * Math.PI * m[i];
            _linear[i] = -nu * k * k;
            mask[i] = SpectralGrid.Keeps(m[i], resolution) ? 1 : 0;
            derivative[i] = -0.5 * mask[i] * derivative[i];
        }
        _halfDerivative = SpectralGrid.ComplexTensor(derivative, [m.Length], device);
        _mask = SpectralGrid.RealTensor(mask, [m.Length], device);
    }

    public int Resolution { get; }

    public double Nu { get; }

    public Device Device { get; }

    /// <summary>The dealiased nonlinear term <c>N(v) = -(1/2) i k rfft(u^2)</c> for Fourier states <c>[B, n/2+1]</c>:
    /// u is formed from the modes kept by the 2/3 rule and the product is truncated to them again.</summary>
    public Tensor Nonlinear(Tensor v)
    {
        using var scope = NewDisposeScope();
        Tensor u = fft.irfft(v * _mask, Resolution, dim: -1);
        return (_halfDerivative * fft.rfft(u * u, dim: -1)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Integrates the batch <paramref name="u0"/> (<c>[B, n]</c>, or <c>[n]</c> for one sample) to <paramref name="tEnd"/>,
    /// recording <paramref name="outputTimes"/> equispaced snapshots from t = 0 to tEnd, each subsampled to every
    /// <paramref name="outputStride"/>-th grid point. The step is fixed for the run (Burgers obeys a maximum principle,
    /// so <c>max|u0|</c> bounds the speed): see <see cref="SpectralTimeStepping"/>.
    /// Returns snapshots <c>[B, T, n / stride]</c> (float64, on this solver's device).
    /// </summary>
    public SpectralTrajectory Solve(Tensor u0, double tEnd, int outputTimes, int outputStride, SpectralTimeStepping stepping,
        IProgress<SolveProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(u0);
        ArgumentNullException.ThrowIfNull(stepping);
        if (u0.dim() is not (1 or 2) || u0.shape[^1] != Resolution)
        {
            throw new ArgumentException($"expected u0 of shape [B, {Resolution}] or [{Resolution}], got [{string.Join(", ", u0.shape)}]", nameof(u0));
        }
        if (outputTimes < 2 || outputStride < 1 || Resolution % outputStride != 0 || !(tEnd > 0))
        {
            throw new ArgumentException($"expected tEnd > 0, outputTimes >= 2 and a stride dividing {Resolution}; got tEnd={tEnd}, outputTimes={outputTimes}, stride={outputStride}");
        }
        using var scope = NewDisposeScope();
        Tensor u = (u0.dim() == 1 ? u0.unsqueeze(0) : u0).to(ScalarType.Float64, Device);
        long batch = u.shape[0];
        double interval = tEnd / (outputTimes - 1);
        double maxSpeed = u.abs().max().item<double>();
        double dt = Math.Min(stepping.Limit(maxSpeed, 1.0 / Resolution), interval);
        int stepsPerInterval = SpectralTimeStepping.StepsFor(interval, dt);
        dt = interval / stepsPerInterval;

        using var stepper = new EtdRk4Stepper(_linear, [_linear.Length], dt, Device);
        Tensor output = empty([batch, outputTimes, Resolution / outputStride], dtype: ScalarType.Float64, device: Device);
        output.select(1, 0).copy_(u.slice(1, 0, Resolution, outputStride));
        Tensor v = fft.rfft(u, dim: -1);
        for (int snapshot = 1; snapshot < outputTimes; snapshot++)
        {
            for (int s = 0; s < stepsPerInterval; s++)
            {
                cancellation.ThrowIfCancellationRequested();
                Tensor next;
                using (NewDisposeScope())
                {
                    next = stepper.Step(v, Nonlinear).MoveToOuterDisposeScope();
                }
                v.Dispose();
                v = next;
            }
            using (NewDisposeScope())
            {
                output.select(1, snapshot).copy_(fft.irfft(v, Resolution, dim: -1).slice(1, 0, Resolution, outputStride));
            }
            progress?.Report(new SolveProgress((double)snapshot / (outputTimes - 1), $"burgers t={snapshot * interval:G4}"));
        }
        var times = Enumerable.Range(0, outputTimes).Select(i => i * interval).ToArray();
        return new SpectralTrajectory(output.MoveToOuterDisposeScope(), times, (long)stepsPerInterval * (outputTimes - 1), dt, dt);
    }

    public void Dispose()
    {
        _halfDerivative.Dispose();
        _mask.Dispose();
    }
}
