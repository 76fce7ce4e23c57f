using NeuralPDE.Core.Random;

namespace NeuralPDE.Numerics.WalkOnSpheres;

/// <summary>
/// Counter-based seeding: the generator of point <c>index</c> in round <c>round</c> is seeded by chaining SplitMix64
/// over (seed, round, index), so every point has an independent stream that does not depend on thread scheduling or
/// on the other points of the batch.
/// </summary>
public static class WalkSeeds
{
    public static ulong For(long seed, long round, long index)
    {
        ulong a = new SplitMix64(unchecked((ulong)seed)).Next();
        ulong b = new SplitMix64(a ^ unchecked((ulong)round * 0xD1342543DE82EF95UL)).Next();
        return new SplitMix64(b ^ unchecked((ulong)index * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL)).Next();
    }

    public static Xoshiro256StarStar Generator(long seed, long round, long index) => new(For(seed, round, index));
}
