using NeuralPDE.Core.Random;

namespace NeuralPDE.Data.Generation;

/// <summary>
/// Per-sample seeds: sample i of a dataset with recipe seed S draws its random data from
/// <c>seed_i = SplitMix64(S ⊕ (i + 1) · φ)</c> (φ = 0x9E3779B97F4A7C15, the golden-ratio increment), shifted right by one
/// bit so it is a non-negative <see cref="long"/>. A sample therefore depends only on (S, i): never on the shard, the
/// batch it is solved in, the thread count, or on whether the run was resumed.
/// </summary>
public static class SampleSeeds
{
    /// <summary>The seed of sample <paramref name="index"/> (0-based) of a dataset with recipe seed <paramref name="recipeSeed"/>.</summary>
    public static long For(long recipeSeed, long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var mixer = new SplitMix64(unchecked((ulong)recipeSeed ^ (0x9E3779B97F4A7C15UL * ((ulong)index + 1))));
        mixer.Next();
        return (long)(mixer.Next() >> 1);
    }

    /// <summary>How the seeds are derived, stored in every file (attribute <c>seed-derivation</c>).</summary>
    public const string Description = "seed_i = splitmix64(second output, state = seed xor (i+1)*0x9E3779B97F4A7C15) >> 1";
}
