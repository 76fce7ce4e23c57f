namespace NeuralPDE.Numerics.WalkOnSpheres;

/// <summary>
/// Settings of a walk-on-spheres run.
/// <list type="bullet">
/// <item><see cref="Walks"/>: walks per point (the standard error falls as Walks^{−1/2}).</item>
/// <item><see cref="Epsilon"/>: absolute width of the ε-shell: a walk stops once the empty ball about it has radius
/// ≤ ε and takes g at a nearby boundary point (bias O(ε)).</item>
/// <item><see cref="MaxSteps"/>: a walk still running after this many steps is stopped the same way (counted as
/// truncated). Unbiased alternative: Russian roulette.</item>
/// <item><see cref="RouletteStart"/>/<see cref="RouletteSurvival"/>: from step RouletteStart on, a walk survives each
/// step with probability q = RouletteSurvival and its later contributions are divided by q (a killed walk adds
/// nothing more): unbiased termination of long walks at the price of variance. Off when RouletteStart is 0.</item>
/// <item><see cref="Seed"/>: every point gets its own generator seeded from (Seed, Round, point index), so results do
/// not depend on <see cref="Threads"/> or on which other points are estimated.</item>
/// <item><see cref="Threads"/>: worker threads over points (0 = all cores).</item>
/// </list>
/// </summary>
public sealed record WosSettings
{
    public int Walks { get; init; } = 256;

    public double Epsilon { get; init; } = 1e-4;

    public int MaxSteps { get; init; } = 10_000;

    public int RouletteStart { get; init; }

    public double RouletteSurvival { get; init; } = 0.9;

    public long Seed { get; init; }

    /// <summary>A second seed component (e.g. the training epoch) so that re-drawn estimates are independent.</summary>
    public long Round { get; init; }

    public int Threads { get; init; }

    /// <summary>Throws a one-line <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Walks < 1)
        {
            throw new ArgumentException($"walk-on-spheres: walks must be >= 1, got {Walks}");
        }
        if (!(Epsilon > 0) || !double.IsFinite(Epsilon))
        {
            throw new ArgumentException($"walk-on-spheres: epsilon must be a positive finite number, got {Epsilon}");
        }
        if (MaxSteps < 1)
        {
            throw new ArgumentException($"walk-on-spheres: maxSteps must be >= 1, got {MaxSteps}");
        }
        if (RouletteStart < 0 || (RouletteStart > 0 && !(RouletteSurvival > 0 && RouletteSurvival < 1)))
        {
            throw new ArgumentException($"walk-on-spheres: Russian roulette needs rouletteStart >= 0 and survival in (0, 1), got start {RouletteStart}, survival {RouletteSurvival}");
        }
        if (Threads < 0)
        {
            throw new ArgumentException($"walk-on-spheres: threads must be >= 0 (0 = all cores), got {Threads}");
        }
    }

    internal ParallelOptions ParallelOptions() => new() { MaxDegreeOfParallelism = Threads == 0 ? -1 : Threads };
}
