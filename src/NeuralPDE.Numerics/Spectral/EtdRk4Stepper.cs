using TorchSharp;
using static TorchSharp.torch;

namespace NeuralPDE.Numerics.Spectral;

/// <summary>
/// One ETDRK4 step (Cox–Matthews) for <c>v' = L v + N(v)</c> in Fourier space with diagonal real L:
/// <code>
/// a = E2 v + Q N(v),  b = E2 v + Q N(a),  c = E2 a + Q (2 N(b) - N(v)),
/// v+ = E v + f1 N(v) + 2 f2 (N(a) + N(b)) + f3 N(c).
/// </code>
/// The linear part is integrated exactly (E = e^{hL}), so when N vanishes the step is exact to round-off.
/// Coefficient tensors (from <see cref="EtdRk4Coefficients.ByContour"/>) live on the solver's device and
/// broadcast against the state's trailing (mode) dimensions. Sums take explicit cached <see cref="Scalar"/> factors
/// (TorchSharp's <c>a + b</c> allocates a finalizer-freed native Scalar per call, which fragments the heap in long runs).
/// </summary>
public sealed class EtdRk4Stepper : IDisposable
{
    private readonly Tensor _e, _e2, _q, _f1, _twoF2, _f3;
    private readonly Scalar _one = 1.0.ToScalar(), _two = 2.0.ToScalar();

    /// <param name="linear">Diagonal of L, one entry per mode, flattened row-major over <paramref name="modeShape"/>.</param>
    /// <param name="modeShape">Shape of the mode dimensions (e.g. [n/2+1] or [n, n/2+1]).</param>
    /// <param name="h">Time step.</param>
    /// <param name="device">Device of the state.</param>
    public EtdRk4Stepper(IReadOnlyList<double> linear, long[] modeShape, double h, Device device)
    {
        TimeStep = h;
        EtdRk4Coefficients c = EtdRk4Coefficients.ByContour(linear, h);
        _e = SpectralGrid.RealTensor(c.E, modeShape, device);
        _e2 = SpectralGrid.RealTensor(c.E2, modeShape, device);
        _q = SpectralGrid.RealTensor(c.Q, modeShape, device);
        _f1 = SpectralGrid.RealTensor(c.F1, modeShape, device);
        _twoF2 = SpectralGrid.RealTensor(c.F2.Select(f => 2 * f).ToArray(), modeShape, device);
        _f3 = SpectralGrid.RealTensor(c.F3, modeShape, device);
    }

    public double TimeStep { get; }

    /// <summary>Advances the Fourier state <paramref name="v"/> by one step. Temporaries belong to the caller's dispose scope.</summary>
    public Tensor Step(Tensor v, Func<Tensor, Tensor> nonlinear)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(nonlinear);
        Tensor nv = nonlinear(v);
        Tensor e2v = _e2 * v;
        Tensor a = e2v.addcmul(_q, nv, _one);
        Tensor na = nonlinear(a);
        Tensor b = e2v.addcmul(_q, na, _one);
        Tensor nb = nonlinear(b);
        Tensor c = (_e2 * a).addcmul_(_q, nb.mul(_two).sub_(nv), _one);
        Tensor nc = nonlinear(c);
        return (_e * v).addcmul_(_f1, nv, _one).addcmul_(_twoF2, na.add_(nb, _one), _one).addcmul_(_f3, nc, _one);
    }

    public void Dispose()
    {
        _e.Dispose();
        _e2.Dispose();
        _q.Dispose();
        _f1.Dispose();
        _twoF2.Dispose();
        _f3.Dispose();
        _one.Dispose();
        _two.Dispose();
    }
}
