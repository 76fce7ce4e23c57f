using static TorchSharp.torch;

namespace NeuralPDE.Learning.Fno;

/// <summary>How a <see cref="UnitGaussianNormalizer"/> pools its statistics.</summary>
public enum NormalizerMode
{
    /// <summary>No normalisation (identity).</summary>
    None,

    /// <summary>One mean and standard deviation per channel (resolution-independent).</summary>
    Channel,

    /// <summary>A mean and standard deviation per channel and grid point, over the training samples (FNO's
    /// UnitGaussianNormalizer); tied to the training resolution.</summary>
    Pointwise,
}

/// <summary>
/// x ↦ (x − μ) / (σ + ε) with μ, σ the mean and standard deviation over the training samples (per channel, or per
/// channel and grid point), ε = 1e-5; <see cref="Decode"/> inverts it. Statistics are float32 tensors [1, C, …].
/// </summary>
public sealed class UnitGaussianNormalizer : IDisposable
{
    public const double Epsilon = 1e-5;

    public UnitGaussianNormalizer(NormalizerMode mode, Tensor? mean, Tensor? std)
    {
        Mode = mode;
        if (mode != NormalizerMode.None && (mean is null || std is null))
        {
            throw new ArgumentException("normaliser: mean and std are required unless the mode is none");
        }
        Mean = mean;
        Std = std;
        // σ + ε once, not per batch (the hot path then takes no temporary Scalar); owned here, not by a caller's dispose scope.
        _scale = std?.add(Epsilon).DetachFromDisposeScope();
    }

    private readonly Tensor? _scale;

    public NormalizerMode Mode { get; }

    public Tensor? Mean { get; }

    public Tensor? Std { get; }

    /// <summary>Fits the statistics over the first axis of <paramref name="data"/> [N, C, …].</summary>
    public static UnitGaussianNormalizer Fit(Tensor data, NormalizerMode mode)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (mode == NormalizerMode.None)
        {
            return new UnitGaussianNormalizer(mode, null, null);
        }
        using var scope = NewDisposeScope();
        Tensor mean, std;
        if (mode == NormalizerMode.Pointwise)
        {
            mean = data.mean([0], keepdim: true);
            std = data.std(0, unbiased: true, keepdim: true);
        }
        else
        {
            long[] axes = Enumerable.Range(0, (int)data.dim()).Where(a => a != 1).Select(a => (long)a).ToArray();
            mean = data.mean(axes, keepdim: true);
            std = data.std(axes, unbiased: true, keepdim: true);
        }
        return new UnitGaussianNormalizer(mode, mean.MoveToOuterDisposeScope(), std.MoveToOuterDisposeScope());
    }

    public Tensor Encode(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (Mode == NormalizerMode.None)
        {
            return x.alias();
        }
        Check(x);
        return (x - Mean!) / _scale!;
    }

    public Tensor Decode(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (Mode == NormalizerMode.None)
        {
            return x.alias();
        }
        Check(x);
        return x * _scale! + Mean!;
    }

    private void Check(Tensor x)
    {
        if (Mode == NormalizerMode.Pointwise && !x.shape[1..].SequenceEqual(Mean!.shape[1..]))
        {
            throw new ArgumentException(
                $"pointwise normaliser: fitted on samples [{string.Join(", ", Mean!.shape[1..])}], got [{string.Join(", ", x.shape[1..])}]; " +
                "a pointwise normaliser is tied to the training resolution (train with fno.normalise=channel for zero-shot super-resolution)");
        }
        if (x.shape[1] != Mean!.shape[1])
        {
            throw new ArgumentException($"normaliser: fitted on {Mean.shape[1]} channels, got {x.shape[1]}");
        }
    }

    public void Dispose()
    {
        Mean?.Dispose();
        Std?.Dispose();
        _scale?.Dispose();
    }
}
