using System.Globalization;
using NeuralPDE.Core.Specs;

namespace NeuralPDE.Data.Generation;

/// <summary>
/// Shard <see cref="Index"/> (0-based) of <see cref="Count"/>. A dataset of N samples is cut into blocks of
/// <c>batchSize</c> consecutive samples; shard i takes blocks ⌊iK/n⌋ … ⌊(i+1)K/n⌋ − 1 (K blocks), so shards are
/// contiguous sample ranges whose union is the whole dataset, and a sample is solved in the same block whatever the
/// shard count (which keeps recycled linear solves bit-identical between one run and a sharded one).
/// </summary>
public sealed record ShardSpec(int Index, int Count)
{
    public static ShardSpec Whole { get; } = new(0, 1);

    public bool IsWhole => Count == 1;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <summary>Parses <c>i/n</c> with 0 ≤ i &lt; n.</summary>
    public static ShardSpec Parse(string text)
    {
        string[] parts = (text ?? "").Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n))
        {
            throw new SpecException($"--shard {text}: expected i/n with 0 <= i < n (0-based shard index), e.g. 0/4");
        }
        if (n < 1 || i >= n)
        {
            throw new SpecException($"--shard {text}: expected i/n with 0 <= i < n (0-based shard index), got index {i} of {n}");
        }
        return new ShardSpec(i, n);
    }

    /// <summary>
    /// The shard from the scheduler's environment when <c>--shard</c> is not given: Slurm job arrays
    /// (<c>SLURM_ARRAY_TASK_ID</c>, counted from <c>SLURM_ARRAY_TASK_MIN</c>, with <c>SLURM_ARRAY_TASK_COUNT</c>) or a
    /// Kubernetes Indexed Job (<c>JOB_COMPLETION_INDEX</c> with <c>NEURALPDE_SHARD_COUNT</c>, which the Job sets to its
    /// <c>completions</c>). Null when neither is present.
    /// </summary>
    public static ShardSpec? FromEnvironment(Func<string, string?>? env = null)
    {
        env ??= Environment.GetEnvironmentVariable;
        string? slurmId = env("SLURM_ARRAY_TASK_ID");
        if (!string.IsNullOrEmpty(slurmId))
        {
            string count = env("SLURM_ARRAY_TASK_COUNT")
                ?? throw new SpecException("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not; pass --shard i/n");
            int min = int.TryParse(env("SLURM_ARRAY_TASK_MIN"), NumberStyles.None, CultureInfo.InvariantCulture, out int m) ? m : 0;
            int id = int.TryParse(slurmId, NumberStyles.None, CultureInfo.InvariantCulture, out int s) ? s - min
                : throw new SpecException($"SLURM_ARRAY_TASK_ID={slurmId}: expected a non-negative integer");
            return Parse(FormattableString.Invariant($"{id}/{count}"));
        }
        string? k8s = env("JOB_COMPLETION_INDEX");
        if (!string.IsNullOrEmpty(k8s))
        {
            string count = env("NEURALPDE_SHARD_COUNT")
                ?? throw new SpecException("JOB_COMPLETION_INDEX is set but NEURALPDE_SHARD_COUNT is not (set it to the Job's completions); or pass --shard i/n");
            return Parse($"{k8s}/{count}");
        }
        return null;
    }

    /// <summary>The blocks [first, end) of this shard among <paramref name="blocks"/>.</summary>
    public (int First, int End) Blocks(int blocks)
        => ((int)((long)Index * blocks / Count), (int)((long)(Index + 1) * blocks / Count));
}
