namespace NeuralPDE.Core.Random;

/// <summary>
/// xoshiro256** (Blackman and Vigna 2018), a small fast generator with 256 bits of state, seeded through
/// <see cref="SplitMix64"/>. Uniform doubles use the top 53 bits; normal deviates use the Box–Muller transform
/// (both values of each pair are used). Unlike <see cref="System.Random"/>, the stream is specified and therefore
/// reproducible across platforms and .NET versions (up to libm differences in log/sin/cos in the last ulp).
/// </summary>
public sealed class Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spare;
    private bool _hasSpare;

    public Xoshiro256StarStar(ulong seed)
    {
        var sm = new SplitMix64(seed);
        _s0 = sm.Next();
        _s1 = sm.Next();
        _s2 = sm.Next();
        _s3 = sm.Next();
    }

    /// <summary>A generator with an explicit state (not all zero), e.g. to check against the reference implementation.</summary>
    public static Xoshiro256StarStar FromState(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new ArgumentException("xoshiro256** state must not be all zero");
        }
        var g = new Xoshiro256StarStar(0);
        g._s0 = s0;
        g._s1 = s1;
        g._s2 = s2;
        g._s3 = s3;
        return g;
    }

    /// <summary>Seeds from a signed integer seed and a stream id, so that independent streams (e.g. sample k of a
    /// dataset) come from one user seed: seed' = SplitMix64 mix of (seed, stream).</summary>
    public static Xoshiro256StarStar ForStream(long seed, long stream)
    {
        var sm = new SplitMix64(unchecked((ulong)seed));
        ulong a = sm.Next();
        var sm2 = new SplitMix64(a ^ unchecked((ulong)stream * 0xD1342543DE82EF95UL));
        return new Xoshiro256StarStar(sm2.Next());
    }

    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal deviate (Box–Muller).</summary>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }
        double u1 = 1.0 - NextDouble(); // (0, 1]
        double u2 = NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        double phi = 2.0 * Math.PI * u2;
        _spare = r * Math.Sin(phi);
        _hasSpare = true;
        return r * Math.Cos(phi);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
