namespace NeuralPDE.Core.Random;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014): a 64-bit counter passed through a bijective mixer. Used to expand a
/// seed into the state of <see cref="Xoshiro256StarStar"/>; pure integer arithmetic, so identical on every platform.
/// </summary>
public struct SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed)
    {
        _state = seed;
    }

    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
