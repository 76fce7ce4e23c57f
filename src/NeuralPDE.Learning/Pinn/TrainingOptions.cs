using NeuralPDE.Numerics.Solvers;

namespace NeuralPDE.Learning.Pinn;

/// <summary>Run options that are not part of the problem spec.</summary>
public sealed record TrainingOptions
{
    public int Seed { get; init; }

    /// <summary>Folder for checkpoints; a run resumes from the checkpoint found there.</summary>
    public string? CheckpointDirectory { get; init; }

    public IProgress<SolveProgress>? Progress { get; init; }

    public CancellationToken Cancellation { get; init; }

    /// <summary>Stop (as if interrupted) once this many steps are done, after writing a checkpoint. For tests and
    /// time-sliced runs.</summary>
    public long? StopAtStep { get; init; }

    /// <summary>Fault injection for tests: the loss of this step is replaced by NaN.</summary>
    public long? InjectNaNAtStep { get; init; }

    /// <summary>Receives one line per metrics interval.</summary>
    public Action<string>? Log { get; init; }
}
