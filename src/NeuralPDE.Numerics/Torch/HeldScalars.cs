using TorchSharp;

namespace NeuralPDE.Numerics.Torch;

/// <summary>
/// TorchSharp scalars created explicitly and freed at <see cref="Dispose"/>. A <c>double</c> passed where TorchSharp
/// expects a <see cref="Scalar"/> becomes a temporary whose only owner is its finalizer. TorchSharp 0.107 would let a
/// garbage collection on another thread free such a temporary while libtorch still read it. The build's rewrite of
/// TorchSharp.dll (build/ScalarKeepAlive, README "Temporary scalars outlive the native call") now keeps every scalar
/// alive through its call, whoever created it. Optimisers still hold theirs here, because they apply the same few
/// values to every parameter tensor of every step: creating them once per step and freeing them deterministically
/// keeps the finalizer queue short. <c>using var s = new HeldScalars(a, b);</c>, then <c>s[0]</c>, <c>s[1]</c>.
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
