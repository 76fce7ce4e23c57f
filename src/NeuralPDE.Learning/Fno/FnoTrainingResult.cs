namespace NeuralPDE.Learning.Fno;

/// <summary>The outcome of <see cref="FnoTrainer.Train"/>: completed epochs (and where a resumed run started),
/// cumulative training seconds, samples seen and wall seconds in this call, the final test evaluation and the history.</summary>
public sealed record FnoTrainingResult(
    int Epochs,
    int ResumedFromEpoch,
    double TrainSeconds,
    long SamplesSeen,
    double WallSeconds,
    FnoEvaluation Test,
    FnoEpochRecord[] History)
{
    /// <summary>Training throughput of this call (samples per second, including the periodic test evaluations).</summary>
    public double SamplesPerSecond => WallSeconds > 0 ? SamplesSeen / WallSeconds : 0;
}
