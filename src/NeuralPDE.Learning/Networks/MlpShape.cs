using TorchSharp;

namespace NeuralPDE.Learning.Networks;

/// <summary>
/// Architecture of a fully connected network: <c>Inputs</c> → [optional Fourier features] → <c>Depth</c> hidden layers of
/// <c>Width</c> units → <c>Outputs</c>. Inputs are first mapped affinely from the box [Lower, Upper] to [−1, 1]^d.
/// Fourier features (Tancik et al. 2020): γ(x) = [x, sin(2π B x), cos(2π B x)] with B ~ N(0, σ²) of size
/// <c>FourierFeatures</c> × d, fixed (not trained).
/// </summary>
public sealed record MlpShape(
    int Inputs,
    int Outputs,
    int Width,
    int Depth,
    Activation Activation,
    double[] Lower,
    double[] Upper,
    int FourierFeatures = 0,
    double FourierScale = 1.0,
    torch.ScalarType DType = torch.ScalarType.Float64)
{
    /// <summary>Width of the first hidden layer's input (d, or d + 2 m with m Fourier features).</summary>
    public int EmbeddedInputs => Inputs + 2 * FourierFeatures;

    /// <summary>(fan-in, fan-out) of each affine layer in order.</summary>
    public IReadOnlyList<(int In, int Out)> Layers
    {
        get
        {
            var layers = new List<(int, int)>();
            int previous = EmbeddedInputs;
            for (int i = 0; i < Depth; i++)
            {
                layers.Add((previous, Width));
                previous = Width;
            }
            layers.Add((previous, Outputs));
            return layers;
        }
    }

    /// <summary>Number of trainable scalars (weights and biases).</summary>
    public int ParameterCount => Layers.Sum(l => l.In * l.Out + l.Out);

    public void Validate()
    {
        if (Inputs < 1 || Outputs < 1 || Width < 1 || Depth < 1 || FourierFeatures < 0)
        {
            throw new ArgumentException($"invalid network shape: inputs {Inputs}, outputs {Outputs}, width {Width}, depth {Depth}, fourier {FourierFeatures}");
        }
        if (Lower.Length != Inputs || Upper.Length != Inputs)
        {
            throw new ArgumentException($"input box has {Lower.Length}/{Upper.Length} bounds for {Inputs} inputs");
        }
        for (int i = 0; i < Inputs; i++)
        {
            if (!(Upper[i] > Lower[i]))
            {
                throw new ArgumentException($"input box: upper[{i}] = {Upper[i]} must exceed lower[{i}] = {Lower[i]}");
            }
        }
        if (DType is not (torch.ScalarType.Float32 or torch.ScalarType.Float64))
        {
            throw new ArgumentException($"dtype must be float32 or float64, got {DType}");
        }
    }
}
