using NeuralPDE.Benchmarks;
using NeuralPDE.Benchmarks.Methods;
using NeuralPDE.Core.Metrics;
using NeuralPDE.Core.Specs;
using NeuralPDE.Data.Reading;

namespace NeuralPDE.Tests.Benchmark;

/// <summary>The benchmark's FNO row: trained on a generated family of Darcy instances, it predicts the benchmark's own
/// instance (the classical solver's coefficient field) and is compared with the classical reference on its grid.</summary>
public class FnoRowTests
{
    /// <summary>A tiny Darcy: 21 x 21 nodes, 48 generated samples (40 train / 8 test), a narrow FNO.</summary>
    private static ProblemSpec TinyDarcy() => ProblemCatalog.Problems().Load("darcy-2d",
    [
        "reference.resolution=21", "fno.data.samples=48", "fno.data.train=40", "fno.data.test=8",
        "fno.model.width=12", "fno.model.modes=[6,6]", "fno.model.padding=[4,4]", "fno.model.projectionWidth=32",
    ]);

    private static string TempDir() => Path.Combine(Path.GetTempPath(), "npde-fnorow-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void DarcyRowPredictsTheBenchmarkInstanceBetterThanTheMeanTrainingField()
    {
        string data = TempDir();
        try
        {
            // standard budget = the spec's fno section; 200 optimiser steps = 100 epochs of 2 batches
            var options = new BenchmarkOptions { Budget = BenchmarkBudget.Standard, MaxSteps = 200, Seed = 5, Threads = 1, DataDirectory = data };
            BenchmarkResults results = new BenchmarkRunner(BenchmarkMethods.Parse("classical,fno"), options).Run([TinyDarcy()]);
            ProblemResult problem = Assert.Single(results.Problems);
            BenchmarkReference reference = problem.Reference!;
            MethodOutcome fno = problem.Outcomes[1];
            Assert.True(fno.Status == MethodStatus.Completed, fno.Reason);
            Assert.Equal(200, fno.Details["steps"]);
            Assert.Equal(40, fno.Details["trainSamples"]);
            Assert.True(fno.Details["generationSeconds"] > 0);
            Assert.Equal(0, fno.Details["datasetReused"]);
            Assert.True(double.IsFinite(fno.Details["relL2_testSplit"]));
            Assert.Contains("trained and evaluated on the reference grid 21x21", fno.Reason);
            Assert.Equal(reference.Values.Length, fno.Prediction![reference.Field].Length);
            Assert.Equal(fno.RelL2!.Value, reference.RelativeL2(fno.Prediction[reference.Field]), 12);
            Assert.Contains(fno.Curves, c => c.Name == "train loss" && c.Values.Length == 100);

            // trivial baselines on the same reference: zero (relL2 = 1) and the mean solution of the training samples
            string file = Assert.Single(Directory.GetFiles(data, "*.h5"));
            double[] mean = new double[reference.Values.Length];
            using (var reader = new DatasetReader(file))
            {
                for (int i = 0; i < 40; i++)
                {
                    float[] u = reader.Read(i, "tensor", out int[] shape);
                    Assert.Equal([1, 21, 21], shape);
                    for (int k = 0; k < mean.Length; k++)
                    {
                        mean[k] += u[k] / 40.0;
                    }
                }
            }
            double meanField = ErrorNorms.RelativeL2(mean, reference.Values);
            Assert.InRange(meanField, 0.05, 1.0);
            Assert.True(fno.RelL2 < 0.8 * meanField, $"FNO relL2 {fno.RelL2:E3} does not beat the mean training field ({meanField:E3})");

            // a second run reuses the generated file
            BenchmarkResults again = new BenchmarkRunner(BenchmarkMethods.Parse("fno"), options with { MaxSteps = 2 }).Run([TinyDarcy()]);
            MethodOutcome second = again.Problems[0].Outcomes[0];
            Assert.True(second.Status == MethodStatus.Completed, second.Reason);
            Assert.Equal(1, second.Details["datasetReused"]);
            Assert.Equal(0, second.Details["generationSeconds"]);
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    [Fact]
    public void CancellingDuringTrainingMarksTheRowInterrupted()
    {
        string data = TempDir();
        try
        {
            using var cancel = new CancellationTokenSource();
            var options = new BenchmarkOptions { Budget = BenchmarkBudget.Standard, MaxSteps = 400, Seed = 5, Threads = 1, DataDirectory = data };
            var runner = new BenchmarkRunner(BenchmarkMethods.Parse("classical,fno"), options)
            {
                // the trainer's first epoch line: cancel while the FNO trains
                Log = new Progress(line =>
                {
                    if (line.StartsWith("fno: epoch", StringComparison.Ordinal))
                    {
                        cancel.Cancel();
                    }
                }),
            };
            BenchmarkResults results = runner.Run([TinyDarcy()], cancel.Token);
            Assert.True(results.Interrupted);
            Assert.Equal(MethodStatus.Completed, results.Problems[0].Outcomes[0].Status);
            Assert.Equal(MethodStatus.Interrupted, results.Problems[0].Outcomes[1].Status);
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData("poisson-2d")]
    [InlineData("burgers-1d")]
    [InlineData("poisson-star")]
    public void ProblemsWithoutAnFnoRecipeGetTheReason(string name)
    {
        ProblemSpec spec = ProblemCatalog.Problems().Load(name, []);
        Assert.Contains("no FNO dataset recipe for this problem: an operator learner needs a family of instances", new FnoMethod().NotApplicableReason(spec));
        BenchmarkResults results = new BenchmarkRunner(BenchmarkMethods.Parse("fno"), new BenchmarkOptions { MaxSteps = 1 }).Run([spec]);
        MethodOutcome row = results.Problems[0].Outcomes[0];
        Assert.Equal(MethodStatus.NotApplicable, row.Status);
        Assert.Contains("no FNO dataset recipe", row.Reason);
    }

    [Theory]
    [InlineData("darcy-2d")]
    [InlineData("burgers-1d-periodic")]
    [InlineData("ns-vorticity-2d")]
    public void FnoProblemsApply(string name) =>
        Assert.Null(new FnoMethod().NotApplicableReason(ProblemCatalog.Problems().Load(name, [])));

    [Fact]
    public void QuickBudgetIsSmallAndMaxStepsCapsTheOptimiserSteps()
    {
        ProblemSpec darcy = ProblemCatalog.Problems().Load("darcy-2d", []);
        var quick = FnoBenchmarkSettings.For(darcy, new BenchmarkOptions { Budget = BenchmarkBudget.Quick });
        Assert.Equal(FnoBenchmarkSettings.QuickTrain, quick.TrainSamples);
        Assert.Equal(FnoBenchmarkSettings.QuickTrain + FnoBenchmarkSettings.QuickTest, quick.GenerateSamples);
        Assert.Equal(FnoBenchmarkSettings.QuickSeconds, quick.MaxSeconds);
        var standard = FnoBenchmarkSettings.For(darcy, new BenchmarkOptions { Budget = BenchmarkBudget.Standard });
        Assert.Equal((1000, 100, 500, 32, 100), (standard.TrainSamples, standard.TestSamples, standard.Epochs, standard.Width, standard.StepSize));
        var paper = FnoBenchmarkSettings.For(darcy, new BenchmarkOptions { Budget = BenchmarkBudget.Paper });
        Assert.Equal(standard.Describe() + standard.ToJson().ToJsonString(), paper.Describe() + paper.ToJson().ToJsonString());
        // 1,000 samples in batches of 20: 50 steps an epoch, so a cap of 120 steps gives 2 whole epochs (100 steps), 30 steps one epoch of 600 samples
        var capped = FnoBenchmarkSettings.For(darcy, new BenchmarkOptions { Budget = BenchmarkBudget.Standard, MaxSteps = 120 });
        Assert.Equal(2, capped.Epochs);
        Assert.Equal(100, FnoBenchmarkSettings.Steps(capped));
        var partial = FnoBenchmarkSettings.For(darcy, new BenchmarkOptions { Budget = BenchmarkBudget.Standard, MaxSteps = 30 });
        Assert.Equal((1, 600), (partial.Epochs, partial.TrainSamples));
    }

    /// <summary>Reports on the calling thread.</summary>
    private sealed class Progress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
