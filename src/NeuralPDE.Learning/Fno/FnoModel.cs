using static TorchSharp.torch;

namespace NeuralPDE.Learning.Fno;

/// <summary>
/// A trained operator as the data sees it: the <see cref="FnoNetwork"/>, its <see cref="FnoVariant"/> (direct,
/// recurrent rollout, space-time) and the input/output normalisers. <see cref="Predict"/> maps data inputs
/// [B, C_in, …] to data targets [B, C_out, …] (normalisers applied inside).
/// </summary>
public sealed class FnoModel : IDisposable
{
    public FnoModel(FnoNetwork network, FnoVariant variant, UnitGaussianNormalizer input, UnitGaussianNormalizer output)
    {
        Network = network ?? throw new ArgumentNullException(nameof(network));
        Variant = variant;
        InputNormalizer = input ?? throw new ArgumentNullException(nameof(input));
        OutputNormalizer = output ?? throw new ArgumentNullException(nameof(output));
        if (variant != FnoVariant.Direct && (input.Mode != NormalizerMode.None || output.Mode != NormalizerMode.None))
        {
            throw new ArgumentException($"fno.training.normalise: the {FnoVariants.Name(variant)} variant works on raw snapshots; use normalise = none");
        }
    }

    public FnoNetwork Network { get; }

    public FnoVariant Variant { get; }

    public UnitGaussianNormalizer InputNormalizer { get; }

    public UnitGaussianNormalizer OutputNormalizer { get; }

    /// <summary>The network's expected data shapes, checked against a data set: one clear line on mismatch.</summary>
    public void CheckData(long[] inputShape, long[] outputShape, string source)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(outputShape);
        FnoConfig c = Network.Config;
        int spatial = inputShape.Length - 1;
        int expectedDims = Variant == FnoVariant.SpaceTime ? spatial + 1 : spatial;
        string Shape(long[] s) => "[" + string.Join(", ", s) + "]";
        if (expectedDims != c.Dims)
        {
            throw new ArgumentException($"{source}: samples {Shape(inputShape)} have {spatial} spatial axes but the model is an FNO-{c.Dims}d ({FnoVariants.Name(Variant)})");
        }
        if (inputShape[0] != c.InChannels)
        {
            throw new ArgumentException($"{source}: samples have {inputShape[0]} input channels {Shape(inputShape)} but the model expects {c.InChannels}");
        }
        long expectedOut = Variant == FnoVariant.Direct ? c.OutChannels : outputShape[0];
        if (Variant != FnoVariant.Direct && c.OutChannels != 1)
        {
            throw new ArgumentException($"{source}: the {FnoVariants.Name(Variant)} variant needs a network with 1 output channel, got {c.OutChannels}");
        }
        if (outputShape[0] != expectedOut || !outputShape[1..].SequenceEqual(inputShape[1..]))
        {
            throw new ArgumentException($"{source}: targets {Shape(outputShape)} do not match the model's output [{expectedOut}, {string.Join(", ", inputShape[1..])}]");
        }
        long[] probe = Variant == FnoVariant.SpaceTime ? [1, c.InChannels, .. inputShape[1..], outputShape[0]] : [1, .. inputShape];
        Network.CheckInput(probe);
    }

    /// <summary>Data targets [B, C_out, …] predicted from data inputs [B, C_in, …].</summary>
    public Tensor Predict(Tensor x, int? outputSteps = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var scope = NewDisposeScope();
        Tensor result;
        switch (Variant)
        {
            case FnoVariant.Direct:
                result = OutputNormalizer.Decode(Network.forward(InputNormalizer.Encode(x)));
                break;
            case FnoVariant.Recurrent:
            {
                int steps = outputSteps ?? throw new ArgumentException("recurrent rollout: the number of output steps is required");
                Tensor window = x;
                var predictions = new Tensor[steps];
                for (int t = 0; t < steps; t++)
                {
                    predictions[t] = Network.forward(window);
                    window = cat([window.narrow(1, 1, window.shape[1] - 1), predictions[t]], 1);
                }
                result = cat(predictions, 1);
                break;
            }
            default:
            {
                long steps = outputSteps ?? throw new ArgumentException("space-time model: the number of output steps is required");
                long[] expanded = [.. x.shape, steps];
                Tensor input = x.unsqueeze(-1).expand(expanded);
                Tensor y = Network.forward(input); // [B, 1, X, Y, T]
                result = y.squeeze(1).permute(0, 3, 1, 2);
                break;
            }
        }
        return result.MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        Network.Dispose();
        InputNormalizer.Dispose();
        OutputNormalizer.Dispose();
    }
}
