using NeuralPDE.Core.Specs;
using NeuralPDE.Learning.Fno;

namespace NeuralPDE.Benchmarks.Methods;

/// <summary>
/// The FNO configuration a benchmark budget runs. <c>quick</c> (minutes on a 2-core laptop): at most
/// <see cref="QuickTrain"/> training and <see cref="QuickTest"/> test samples (generated: train + test), width at most
/// <see cref="QuickWidth"/>, at most <see cref="QuickEpochs"/> epochs with the learning-rate steps scaled to them, and
/// training stopped after <see cref="QuickSeconds"/> s (the PINN's cap); the spec's modes, layers, loss and
/// normaliser. <c>standard</c> and <c>paper</c>: the spec's <c>fno</c> section as it is, which is the paper's
/// configuration (Li et al. 2021: 1,000 training samples, 500 epochs, batch 20, Adam 1e-3 halved every 100 epochs).
/// <c>--max-steps</c> caps the optimiser steps (epochs × batches per epoch) in every budget: fewer epochs, or one
/// epoch on fewer training samples when the cap is below one epoch.
/// </summary>
public static class FnoBenchmarkSettings
{
    public const int QuickTrain = 200;

    public const int QuickTest = 40;

    public const int QuickWidth = 32;

    public const int QuickEpochs = 60;

    public const double QuickSeconds = 90;

    public static FnoSettings For(ProblemSpec spec, BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        FnoSettings settings = FnoSettings.FromSpec(spec);
        if (options.Budget == BenchmarkBudget.Quick)
        {
            int train = Math.Min(settings.TrainSamples, QuickTrain);
            int test = Math.Min(settings.TestSamples, QuickTest);
            int epochs = Math.Min(settings.Epochs, QuickEpochs);
            settings = settings with
            {
                TrainSamples = train,
                TestSamples = test,
                GenerateSamples = Math.Min(settings.GenerateSamples, train + test),
                Width = Math.Min(settings.Width, QuickWidth),
                Epochs = epochs,
                StepSize = Scaled(settings.StepSize, epochs, settings.Epochs),
                EvalEvery = Math.Max(1, epochs / 10),
                MaxSeconds = settings.MaxSeconds > 0 ? Math.Min(settings.MaxSeconds, QuickSeconds) : QuickSeconds,
            };
        }
        if (options.MaxSteps is int cap)
        {
            settings = CapSteps(settings, cap);
        }
        if (options.Threads > 0)
        {
            settings = settings with { Threads = options.Threads };
        }
        return settings;
    }

    /// <summary>Optimiser steps of a full run: epochs × ⌈train / batch⌉.</summary>
    public static int Steps(FnoSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Epochs * BatchesPerEpoch(settings);
    }

    public static int BatchesPerEpoch(FnoSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return (settings.TrainSamples + settings.BatchSize - 1) / settings.BatchSize;
    }

    private static FnoSettings CapSteps(FnoSettings settings, int cap)
    {
        if (cap >= Steps(settings))
        {
            return settings;
        }
        int perEpoch = BatchesPerEpoch(settings);
        if (cap >= perEpoch)
        {
            int epochs = cap / perEpoch;
            return settings with { Epochs = epochs, StepSize = Scaled(settings.StepSize, epochs, settings.Epochs), EvalEvery = Math.Max(1, Math.Min(settings.EvalEvery, epochs)) };
        }
        // below one epoch: one epoch over the first cap batches' samples
        int train = Math.Max(1, cap) * settings.BatchSize;
        return settings with { Epochs = cap == 0 ? 0 : 1, TrainSamples = Math.Min(settings.TrainSamples, train), StepSize = 1, EvalEvery = 1 };
    }

    private static int Scaled(int stepSize, int epochs, int specEpochs) =>
        specEpochs <= 0 ? stepSize : Math.Max(1, (int)Math.Round((double)stepSize * epochs / specEpochs));
}
