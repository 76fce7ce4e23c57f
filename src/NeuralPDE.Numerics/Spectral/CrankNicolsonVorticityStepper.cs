using TorchSharp;
using static TorchSharp.torch;

namespace NeuralPDE.Numerics.Spectral;

/// <summary>
/// The FNO generator's step for <c>w^' = -nu |k|^2 w^ + f^ - mask . adv^</c>: Crank–Nicolson on diffusion, forward Euler on
/// advection and forcing,
/// <code>w+ = ((1 - h nu |k|^2 / 2) w + h (f - mask . adv)) / (1 + h nu |k|^2 / 2) = D w + F - G . adv</code>
/// with the per-mode factors <c>D</c>, <c>F = h f / (1 + ...)</c> and <c>G = h mask / (1 + ...)</c> computed once
/// for the step h. <see cref="Step"/> updates the state in place (<c>mul_</c>, <c>addcmul_</c>, <c>add_</c>): no
/// allocation besides the advection.
/// </summary>
public sealed class CrankNicolsonVorticityStepper : IDisposable
{
    private readonly Tensor _decay, _negativeAdvectionGain;
    private readonly Tensor? _forcingGain;
    private readonly Scalar _one = 1.0.ToScalar();

    /// <param name="laplacian">|2 pi k|^2 per mode, <c>[n, n/2+1]</c> float64.</param>
    /// <param name="mask">Dealiasing mask per mode (0 or 1), same shape.</param>
    /// <param name="forcingHat">rfft2 of the forcing, <c>[n, n/2+1]</c> complex128, or null.</param>
    /// <param name="nu">Viscosity.</param>
    /// <param name="h">Time step.</param>
    public CrankNicolsonVorticityStepper(Tensor laplacian, Tensor mask, Tensor? forcingHat, double nu, double h)
    {
        ArgumentNullException.ThrowIfNull(laplacian);
        ArgumentNullException.ThrowIfNull(mask);
        TimeStep = h;
        using var scope = NewDisposeScope();
        Tensor half = laplacian * (0.5 * h * nu);
        Tensor implicitFactor = half + 1.0;
        _decay = ((1.0 - half) / implicitFactor).MoveToOuterDisposeScope();
        _negativeAdvectionGain = (mask * -h / implicitFactor).MoveToOuterDisposeScope();
        _forcingGain = forcingHat is null ? null : (forcingHat * h / implicitFactor).MoveToOuterDisposeScope();
    }

    public double TimeStep { get; }

    /// <summary>
    /// Advances <paramref name="wHat"/> (<c>[B, n, n/2+1]</c>, owned by the caller) by one step in place, given its
    /// undealiased advection <c>rfft2(u w_x + v w_y)</c>.
    /// </summary>
    public void Step(Tensor wHat, Tensor advectionHat)
    {
        ArgumentNullException.ThrowIfNull(wHat);
        ArgumentNullException.ThrowIfNull(advectionHat);
        wHat.mul_(_decay).addcmul_(advectionHat, _negativeAdvectionGain, _one);
        if (_forcingGain is not null)
        {
            wHat.add_(_forcingGain, _one);
        }
    }

    public void Dispose()
    {
        _decay.Dispose();
        _negativeAdvectionGain.Dispose();
        _forcingGain?.Dispose();
        _one.Dispose();
    }
}
