using NeuralPDE.Numerics.Solvers;

namespace NeuralPDE.Learning.Fno;

/// <summary>Run options of an <see cref="FnoTrainer"/> (not part of the model).</summary>
public sealed record FnoTrainingOptions
{
    public int Seed { get; init; }

    /// <summary>Checkpoint file: saved every <c>checkpointEvery</c> epochs and at the end; an existing one is resumed.</summary>
    public string? CheckpointPath { get; init; }

    public string Problem { get; init; } = "";

    /// <summary>Stop (and checkpoint) once this many epochs are complete, with the schedule still that of the full
    /// run: splits a run into parts that a resume joins.</summary>
    public int? StopAfterEpochs { get; init; }

    public TorchSharp.torch.Device? Device { get; init; }

    public CancellationToken Cancellation { get; init; }

    public IProgress<SolveProgress>? Progress { get; init; }
}
