using TorchSharp;
using static TorchSharp.torch;

namespace NeuralPDE.Learning.Networks;

/// <summary>
/// A multilayer perceptron whose weights and biases all live in one flat parameter vector θ (a leaf tensor with
/// <c>requires_grad</c>); each layer's W (fan-in × fan-out) and b are views into θ. One vector makes the optimisers
/// (Adam, L-BFGS), checkpoints and gradient bookkeeping simple and exact. Initialisation: Glorot (Xavier) normal,
/// std = sqrt(2 / (fan-in + fan-out)), biases zero, drawn from a seeded platform-independent generator so that a
/// seed fixes the network bit for bit.
/// </summary>
public sealed class Mlp : IDisposable
{
    private readonly Tensor _shift;
    private readonly Tensor _scale;
    private readonly Tensor? _fourier;
    private readonly (long Offset, int In, int Out)[] _layers;

    public Mlp(MlpShape shape, int seed)
    {
        ArgumentNullException.ThrowIfNull(shape);
        shape.Validate();
        Shape = shape;
        var rng = new Random(seed);
        var theta = new double[shape.ParameterCount];
        _layers = new (long, int, int)[shape.Layers.Count];
        long offset = 0;
        for (int l = 0; l < shape.Layers.Count; l++)
        {
            var (fanIn, fanOut) = shape.Layers[l];
            _layers[l] = (offset, fanIn, fanOut);
            double std = Math.Sqrt(2.0 / (fanIn + fanOut));
            for (int k = 0; k < fanIn * fanOut; k++)
            {
                theta[offset + k] = std * Normal(rng);
            }
            offset += (long)fanIn * fanOut + fanOut; // biases stay zero
        }
        Parameters = NeuralPDE.Learning.Pinn.TensorData.FromArray(theta, shape.DType).requires_grad_(true);
        var shift = new double[shape.Inputs];
        var scale = new double[shape.Inputs];
        for (int i = 0; i < shape.Inputs; i++)
        {
            shift[i] = 0.5 * (shape.Lower[i] + shape.Upper[i]);
            scale[i] = 2.0 / (shape.Upper[i] - shape.Lower[i]);
        }
        _shift = tensor(shift, dtype: shape.DType);
        _scale = tensor(scale, dtype: shape.DType);
        if (shape.FourierFeatures > 0)
        {
            var b = new double[shape.Inputs * shape.FourierFeatures];
            for (int k = 0; k < b.Length; k++)
            {
                b[k] = 2 * Math.PI * shape.FourierScale * Normal(rng);
            }
            _fourier = NeuralPDE.Learning.Pinn.TensorData.FromArray(b, shape.DType).reshape(shape.Inputs, shape.FourierFeatures);
        }
    }

    public MlpShape Shape { get; }

    /// <summary>The flat trainable vector θ (leaf, requires grad).</summary>
    public Tensor Parameters { get; }

    /// <summary>Network output [N, Outputs] for inputs [N, Inputs].</summary>
    public Tensor Forward(Tensor x)
    {
        if (x.dim() != 2 || x.shape[1] != Shape.Inputs)
        {
            throw new ArgumentException($"network input must be [N, {Shape.Inputs}], got [{string.Join(", ", x.shape)}]");
        }
        Tensor h = (x - _shift) * _scale;
        if (_fourier is not null)
        {
            Tensor z = h.matmul(_fourier);
            h = cat([h, z.sin(), z.cos()], 1);
        }
        for (int l = 0; l < _layers.Length; l++)
        {
            var (offset, fanIn, fanOut) = _layers[l];
            Tensor w = Parameters.narrow(0, offset, (long)fanIn * fanOut).view(fanIn, fanOut);
            Tensor b = Parameters.narrow(0, offset + (long)fanIn * fanOut, fanOut);
            h = addmm(b, h, w, 1, 1);
            if (l < _layers.Length - 1)
            {
                h = Shape.Activation == Activation.Tanh ? h.tanh() : h.sin();
            }
        }
        return h;
    }

    /// <summary>θ as doubles (for checkpoints and tests).</summary>
    public double[] GetParameters() => Parameters.detach().to_type(ScalarType.Float64).data<double>().ToArray();

    /// <summary>Overwrites θ in place.</summary>
    public void SetParameters(double[] values)
    {
        if (values.Length != Shape.ParameterCount)
        {
            throw new ArgumentException($"expected {Shape.ParameterCount} parameters, got {values.Length}");
        }
        using var noGrad = no_grad();
        using var source = tensor(values, dtype: Shape.DType);
        Parameters.copy_(source);
    }

    public void Dispose()
    {
        Parameters.Dispose();
        _shift.Dispose();
        _scale.Dispose();
        _fourier?.Dispose();
    }

    /// <summary>Standard normal by Box–Muller from a seeded <see cref="Random"/> (platform independent).</summary>
    public static double Normal(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble();
        double u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
