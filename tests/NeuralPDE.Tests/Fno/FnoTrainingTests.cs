using NeuralPDE.Learning.Fno;
using NeuralPDE.Tests.Datasets;
using static TorchSharp.torch;
using NeuralPDE.Tests.Support;

namespace NeuralPDE.Tests.Fno;

/// <summary>A tiny FNO run lowers the loss; a run resumed from its checkpoint ends bit for bit where an uninterrupted
/// run ends; data that does not fit the model is a clear one-line error.</summary>
public class FnoTrainingTests : IClassFixture<FnoTrainingTests.TinyData>
{
    private readonly TinyData _data;

    public FnoTrainingTests(TinyData data) => _data = data;

    /// <summary>12 small Burgers samples (16 points, 5 snapshots) and 6 small Darcy samples (17^2), made once.</summary>
    public sealed class TinyData : IDisposable
    {
        public TinyData()
        {
            Dir = FnoTestSupport.TempDir();
            DatasetTestSupport.Generate("burgers-1d-periodic", Burgers, 12);
            DatasetTestSupport.Generate("darcy-2d", Darcy, 6);
        }

        public string Dir { get; }

        public string Burgers => Path.Combine(Dir, "burgers.h5");

        public string Darcy => Path.Combine(Dir, "darcy.h5");

        public void Dispose() => Directory.Delete(Dir, recursive: true);
    }

    private static FnoSettings Tiny(int epochs) => new()
    {
        Pairing = FnoPairing.FirstLast,
        TrainSamples = 8,
        TestSamples = 4,
        Modes = [4],
        Padding = [0],
        Width = 8,
        Layers = 2,
        ProjectionWidth = 16,
        Epochs = epochs,
        BatchSize = 4,
        LearningRate = 3e-3,
        Schedule = "cosine",
        EvalEvery = 2,
        CheckpointEvery = 1,
        Normalise = NormalizerMode.Channel,
    };

    [Fact]
    public void ATinyRunLowersTheLoss()
    {
        using var store = new FnoSampleStore(_data.Burgers, FnoPairing.FirstLast);
        using var trainer = new FnoTrainer(Tiny(30), store, new FnoTrainingOptions { Seed = 1 });
        FnoTrainingResult result = trainer.Train();
        Assert.Equal(30, result.Epochs);
        double first = result.History[0].TrainLoss, last = result.History[^1].TrainLoss;
        Assert.True(last < 0.7 * first, $"train loss {first:E3} -> {last:E3}");
        Assert.Equal(4, result.Test.Errors.Length);
        Assert.All(result.Test.Errors, e => Assert.True(double.IsFinite(e) && e > 0));
    }

    [Fact]
    public void ResumeIsExact()
    {
        using var folder = new TempFolder("npde-fno");
        string dir = folder.Path;
        using var store = new FnoSampleStore(_data.Burgers, FnoPairing.FirstLast);
        string straight = Path.Combine(dir, "straight.ckpt"), split = Path.Combine(dir, "split.ckpt");
        using (var a = new FnoTrainer(Tiny(4), store, new FnoTrainingOptions { Seed = 5, CheckpointPath = straight }))
        {
            a.Train();
        }
        using (var b = new FnoTrainer(Tiny(4), store, new FnoTrainingOptions { Seed = 5, CheckpointPath = split, StopAfterEpochs = 2 }))
        {
            b.Train();
        }
        using (var c = new FnoTrainer(Tiny(4), store, new FnoTrainingOptions { Seed = 5, CheckpointPath = split }))
        {
            Assert.Equal(2, c.Epoch);
            FnoTrainingResult resumed = c.Train();
            Assert.Equal(2, resumed.ResumedFromEpoch);
        }
        using var x = FnoCheckpoint.Load(straight);
        using var y = FnoCheckpoint.Load(split);
        Assert.Equal(x.Header["adamStep"]!.GetValue<long>(), y.Header["adamStep"]!.GetValue<long>());
        Assert.Equal(x.Tensors.Select(t => t.Name), y.Tensors.Select(t => t.Name));
        foreach (var ((name, tx), (_, ty)) in x.Tensors.Zip(y.Tensors))
        {
            Assert.True(tx.equal(ty).all().item<bool>(), $"tensor {name} differs after resuming");
        }
    }

    [Fact]
    public void AChannelOrShapeMismatchIsAClearError()
    {
        using var folder = new TempFolder("npde-fno");
        string dir = folder.Path;
        using var store = new FnoSampleStore(_data.Burgers, FnoPairing.FirstLast);
        string checkpoint = Path.Combine(dir, "b.ckpt");
        using (var trainer = new FnoTrainer(Tiny(1), store, new FnoTrainingOptions { Seed = 1, CheckpointPath = checkpoint }))
        {
            trainer.Train();
        }
        // A 1-D Burgers model on 2-D Darcy data: the data layout does not fit.
        var (code, err) = Cli($"eval {checkpoint} --data {_data.Darcy}");
        Assert.Equal(2, code);
        Assert.Contains("first-last needs a 1-D time-dependent 'tensor'", err);
        Assert.Single(err.Trim().Split('\n'));
        // The same data on a grid too coarse for the model's modes.
        (code, err) = Cli($"eval {checkpoint} --data {_data.Burgers} --stride 4");
        Assert.Equal(2, code);
        Assert.Contains("modes[0] = 4 needs a grid of at least", err);
        // A model with 3 input channels against 1-channel data.
        using var model = new FnoModel(new FnoNetwork(new FnoConfig { InChannels = 3, Modes = [4], Padding = [0], Width = 4 }),
            FnoVariant.Direct, new UnitGaussianNormalizer(NormalizerMode.None, null, null), new UnitGaussianNormalizer(NormalizerMode.None, null, null));
        var e = Assert.Throws<ArgumentException>(() => model.CheckData(store.InputShape, store.OutputShape, "data.h5"));
        Assert.Contains("1 input channels [1, 16] but the model expects 3", e.Message);
    }

    [Fact]
    public void EvalReportsPerSampleErrorsAndRoundTripsTheStateDict()
    {
        using var folder = new TempFolder("npde-fno");
        string dir = folder.Path;
        using var store = new FnoSampleStore(_data.Burgers, FnoPairing.FirstLast);
        string checkpoint = Path.Combine(dir, "b.ckpt"), json = Path.Combine(dir, "e.json"), state = Path.Combine(dir, "s.dat"), json2 = Path.Combine(dir, "e2.json");
        double trained;
        using (var trainer = new FnoTrainer(Tiny(3), store, new FnoTrainingOptions { Seed = 2, CheckpointPath = checkpoint }))
        {
            trained = trainer.Train().Test.Mean;
        }
        Assert.Equal(0, Cli($"eval {checkpoint} --data {_data.Burgers} --json {json} --export {state}").Code);
        var summary = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(json))!;
        Assert.Equal(4, summary["perSample"]!.AsArray().Count);
        Assert.Equal(trained, summary["relL2"]!.GetValue<double>(), 6);
        Assert.Equal(0, Cli($"eval {checkpoint} --data {_data.Burgers} --import {state} --json {json2}").Code);
        var again = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(json2))!;
        Assert.Equal(summary["relL2"]!.GetValue<double>(), again["relL2"]!.GetValue<double>());
    }

    private static (int Code, string Err) Cli(string args)
    {
        var (code, _, err) = DatasetTestSupport.Neuralpde(args);
        return (code, err);
    }
}
