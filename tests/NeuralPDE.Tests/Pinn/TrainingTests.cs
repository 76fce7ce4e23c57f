using NeuralPDE.Learning.Pinn;
using NeuralPDE.Learning.Pinn.Families;
using NeuralPDE.Tests.Support;

namespace NeuralPDE.Tests.Pinn;

/// <summary>Training lowers the loss, resumes bit for bit from a checkpoint, and stops cleanly on NaN.</summary>
public class TrainingTests
{
    [Fact]
    public void AShortRunLowersTheLoss()
    {
        var spec = PinnTestProblems.Load("burgers-1d");
        var settings = PinnTestProblems.Tiny(spec, adam: 40, lbfgs: 20);
        using var trainer = new PinnTrainer(new BurgersPinn(spec), settings, new TrainingOptions { Seed = 3 });
        TrainingResult result = trainer.Train();
        Assert.Equal(60, result.Steps);
        double first = result.History[0].Loss, last = result.History[^1].Loss;
        Assert.True(last < 0.5 * first, $"loss {first:E3} -> {last:E3}");
        Assert.True(result.LbfgsIterations > 0);
    }

    [Fact]
    public void ResumingFromACheckpointContinuesBitForBit()
    {
        var spec = PinnTestProblems.Load("burgers-1d", "pinn.refinement.mode=rar", "pinn.refinement.every=3", "pinn.refinement.add=8", "pinn.refinement.candidates=64");
        var settings = PinnTestProblems.Tiny(spec, adam: 6, lbfgs: 6, points: 128) with { Refinement = RefinementMode.Rar, ResampleEvery = 4 };
        var problem = new BurgersPinn(spec);
        double[] straight;
        IReadOnlyList<MetricRecord> straightHistory;
        using (var trainer = new PinnTrainer(problem, settings, new TrainingOptions { Seed = 5 }))
        {
            trainer.Train();
            straight = trainer.Network.GetParameters();
            straightHistory = trainer.History.ToList();
        }
        using var folder = new TempFolder("npde-pinn-ckpt", create: false);
        string dir = folder.Path;
        foreach (long? stop in new long?[] { 4, 9, null })
        {
            using var trainer = new PinnTrainer(problem, settings, new TrainingOptions { Seed = 5, CheckpointDirectory = dir, StopAtStep = stop });
            TrainingResult r = trainer.Train();
            if (stop is null)
            {
                Assert.Equal(9, r.ResumedFromStep);
                Assert.Equal(straight, trainer.Network.GetParameters());
                Assert.Equal(straightHistory.Select(h => h.Loss), trainer.History.Select(h => h.Loss));
            }
            else
            {
                Assert.True(r.Interrupted);
                Assert.Equal(stop, r.Steps);
            }
        }
    }

    [Fact]
    public void ANaNLossStopsWithAClearMessageAndKeepsTheLastGoodState()
    {
        var spec = PinnTestProblems.Load("burgers-1d");
        var settings = PinnTestProblems.Tiny(spec, adam: 10, lbfgs: 0) with { CheckpointEvery = 2 };
        var problem = new BurgersPinn(spec);
        double[] atStep4;
        using (var reference = new PinnTrainer(problem, settings, new TrainingOptions { Seed = 2, StopAtStep = 4 }))
        {
            reference.Train();
            atStep4 = reference.Network.GetParameters();
        }
        using var folder = new TempFolder("npde-pinn-nan", create: false);
        string dir = folder.Path;
        using var trainer = new PinnTrainer(problem, settings, new TrainingOptions { Seed = 2, InjectNaNAtStep = 5, CheckpointDirectory = dir });
        var e = Assert.Throws<TrainingStoppedException>(() => trainer.Train());
        Assert.Contains("step 5", e.Message);
        Assert.Contains("NaN", e.Message);
        Assert.Contains("restored to step 4", e.Message);
        Assert.Contains("last good checkpoint", e.Message);
        Assert.Equal(4, e.RestoredStep);
        Assert.Equal(atStep4, trainer.Network.GetParameters());
        Assert.True(File.Exists(Path.Combine(dir, TrainingCheckpoint.FileName)));
    }

    [Fact]
    public void ACheckpointOfAnotherRunIsRefused()
    {
        var spec = PinnTestProblems.Load("burgers-1d");
        var problem = new BurgersPinn(spec);
        using var folder = new TempFolder("npde-pinn-other", create: false);
        string dir = folder.Path;
        using (var a = new PinnTrainer(problem, PinnTestProblems.Tiny(spec, 2, 0), new TrainingOptions { Seed = 1, CheckpointDirectory = dir }))
        {
            a.Train();
        }
        using var b = new PinnTrainer(problem, PinnTestProblems.Tiny(spec, 2, 0) with { Width = 12 }, new TrainingOptions { Seed = 1, CheckpointDirectory = dir });
        var e = Assert.Throws<InvalidDataException>(() => b.Train());
        Assert.Contains("different run", e.Message);
    }
}
