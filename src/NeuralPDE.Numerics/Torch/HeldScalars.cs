using TorchSharp;

namespace NeuralPDE.Numerics.Torch;

/// <summary>
/// TorchSharp scalars created explicitly and kept alive until <see cref="Dispose"/>. A <c>double</c> passed where
/// TorchSharp expects a <see cref="Scalar"/> becomes a temporary whose only owner is its finalizer: once the wrapper
/// has read the native handle the object is unreachable, and a garbage collection on another thread can free the
/// native scalar while libtorch still reads it (TorchSharp 0.107's <c>Scalar</c> has a finalizer and no keep-alive).
/// That is the likely cause of a crash seen once, in Adam's <c>add_(ε)</c> of a WoS-supervised MLP run with a
/// 16,384-point pool (large arrays, frequent collections): libtorch's float conversion of the scalar failed with
/// "Expected false to be true ... toFloat", as it does for a value read from freed memory. It did not recur on
/// re-runs. Optimisers run such operations on every parameter tensor of every step, so they hold their scalars here:
/// <c>using var s = new HeldScalars(a, b);</c>, then <c>s[0]</c>, <c>s[1]</c>.
/// </summary>
public sealed class HeldScalars : IDisposable
{
    private readonly Scalar[] _scalars;

    public HeldScalars(params double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _scalars = values.Select(v => v.ToScalar()).ToArray();
    }

    public Scalar this[int index] => _scalars[index];

    public void Dispose()
    {
        foreach (Scalar s in _scalars)
        {
            s.Dispose();
        }
    }
}
