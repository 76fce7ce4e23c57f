using NeuralPDE.Learning.Fno;
using NeuralPDE.Tests.Datasets;
using NeuralPDE.Tests.Support;

namespace NeuralPDE.Tests.Fno;

/// <summary>The Navier–Stokes variants on a tiny vorticity dataset (8², 3 snapshots): the recurrent FNO-2D rolls out
/// over the target window and the space-time FNO-3D predicts it at once; both train and give finite per-sample errors.</summary>
public class NavierStokesVariantTests
{
    [Theory]
    [InlineData("recurrent")]
    [InlineData("spacetime")]
    public void VariantTrainsOnTimeWindowData(string variant)
    {
        using var folder = new TempFolder("npde-fno");
        string dir = folder.Path;
        string data = Path.Combine(dir, "ns.h5");
        DatasetTestSupport.Generate("ns-vorticity-2d", data, 6);
        bool spaceTime = variant == "spacetime";
        var settings = new FnoSettings
        {
            Pairing = FnoPairing.TimeWindow, InputSteps = 1, OutputSteps = 2, TrainSamples = 4, TestSamples = 2,
            Variant = FnoVariants.Parse(variant),
            Modes = spaceTime ? [3, 3, 2] : [3, 3], Padding = spaceTime ? [0, 0, 2] : [0, 0],
            Width = 6, Layers = 2, ProjectionWidth = 8, Epochs = 3, BatchSize = 2, EvalEvery = 1,
        };
        using var store = new FnoSampleStore(data, settings.Pairing, inputSteps: 1, outputSteps: 2);
        using var trainer = new FnoTrainer(settings, store, new FnoTrainingOptions { Seed = 0 });
        Assert.Equal(spaceTime ? 3 : 2, trainer.Model.Network.Config.Dims);
        FnoTrainingResult result = trainer.Train();
        Assert.Equal(2, result.Test.Errors.Length);
        Assert.All(result.Test.Errors, e => Assert.True(double.IsFinite(e) && e > 0 && e < 10));
        Assert.True(result.History[^1].TrainLoss < result.History[0].TrainLoss * 1.5);
    }
}
