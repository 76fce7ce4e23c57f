namespace NeuralPDE.Benchmarks;

/// <summary>Settings shared by every method of a benchmark run.</summary>
public sealed record BenchmarkOptions
{
    public BenchmarkBudget Budget { get; init; } = BenchmarkBudget.Quick;

    public int Seed { get; init; }

    /// <summary>Torch device for the trainers (cpu or cuda).</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Caps every trainer's steps (smoke runs and tests); null leaves the budget's steps.</summary>
    public int? MaxSteps { get; init; }

    /// <summary>Where generated training datasets (the FNO row's) are kept and reused: a file is named after its recipe,
    /// sample count and overrides, so a later run with the same settings reads it instead of generating again.</summary>
    public string DataDirectory { get; init; } = Path.Combine("out", "datasets");

    /// <summary>Intra-op threads for torch (0: the library default).</summary>
    public int Threads { get; init; }
}
