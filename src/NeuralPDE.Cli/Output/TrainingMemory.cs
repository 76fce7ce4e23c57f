namespace NeuralPDE.Cli.Output;

/// <summary>
/// The memory a training phase needs: the peak resident memory while it runs (VmHWM, reset when it starts) above
/// the resident memory just before it, so that the runtime and the data loaded before training, alike for the methods
/// a benchmark compares, do not swamp it. The process's peak before the reset is kept, so the whole-process peak
/// stays known. Start it just before training and call <see cref="Stop"/> right after.
/// </summary>
public sealed class TrainingMemory
{
    private readonly double _setupPeakMB;

    private TrainingMemory(double setupPeakMB, bool peakWasReset, double beforeMB)
    {
        _setupPeakMB = setupPeakMB;
        PeakWasReset = peakWasReset;
        BeforeMB = beforeMB;
    }

    /// <summary>Whether the peak could be reset (Linux); otherwise the phase peak is the whole process's.</summary>
    public bool PeakWasReset { get; }

    /// <summary>Resident memory just before the phase (after a collection).</summary>
    public double BeforeMB { get; }

    public static TrainingMemory Start()
    {
        double setupPeak = ProcessMemory.PeakMB();
        GC.Collect();
        bool reset = ProcessMemory.ResetPeak();
        return new TrainingMemory(setupPeak, reset, ProcessMemory.CurrentMB());
    }

    /// <summary>One reading at the end of the phase.</summary>
    public TrainingMemoryReading Stop()
    {
        double phasePeak = ProcessMemory.PeakMB();
        return new TrainingMemoryReading(phasePeak, Math.Max(_setupPeakMB, phasePeak), BeforeMB, Math.Max(0, phasePeak - BeforeMB), PeakWasReset);
    }
}

/// <summary>A <see cref="TrainingMemory"/> reading, in MB: the phase's peak, the whole process's peak, the resident
/// memory before the phase and the training memory (phase peak minus that).</summary>
public readonly record struct TrainingMemoryReading(double PhasePeakMB, double ProcessPeakMB, double BeforeMB, double TrainingMB, bool PeakWasReset);
