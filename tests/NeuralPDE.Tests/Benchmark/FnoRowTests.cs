using NeuralPDE.Benchmarks;
using NeuralPDE.Benchmarks.Methods;
using NeuralPDE.Core.Metrics;
using NeuralPDE.Core.Specs;
using NeuralPDE.Data.Reading;
using NeuralPDE.Tests.Support;

namespace NeuralPDE.Tests.Benchmark;

/// <summary>The benchmark's FNO row: trained on a generated family of Darcy instances, it predicts the benchmark's own
/// instance (the classical solver's coefficient field) and is compared with the classical reference on its grid.</summary>
public class FnoRowTests
{
    /// <summary>A tiny Darcy: 21 x 21 nodes, 48 generated samples (40 train / 8 test), a narrow FNO.</summary>
    private static ProblemSpec TinyDarcy(int resolution = 21) => ProblemCatalog.Problems().Load("darcy-2d",
    [
        $"reference.resolution={resolution}", "fno.data.samples=48", "fno.data.train=40", "fno.data.test=8",
        "fno.model.width=12", "fno.model.modes=[6,6]", "fno.model.padding=[4,4]", "fno.model.projectionWidth=32",
    ]);

    /// <summary>The mean of the 40 training solutions (21 x 21 nodes) in the one dataset file the row generated.</summary>
    private static double[] MeanTrainingField(string data)
    {
        string file = Assert.Single(Directory.GetFiles(data, "*.h5"));
        var mean = new double[21 * 21];
        using var reader = new DatasetReader(file);
        for (int i = 0; i < 40; i++)
        {
            float[] u = reader.Read(i, "tensor", out int[] shape);
            Assert.Equal([1, 21, 21], shape);
            for (int k = 0; k < mean.Length; k++)
            {
                mean[k] += u[k] / 40.0;
            }
        }
        return mean;
    }

    [Fact]
    public void DarcyRowPredictsTheBenchmarkInstanceBetterThanTheMeanTrainingField()
    {
        using var folder = new TempFolder("npde-fnorow", create: false);
        string data = folder.Path;
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
        Assert.Equal(21 * 21, reference.Values.Length);
        double[] mean = MeanTrainingField(data);
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

    [Fact]
    public void TimeDependentRowsPredictTheReferencesLaterTimes()
    {
        // burgers-1d-periodic: u(x, 0) -> u(x, 1), trained on 32 points (stride 4), evaluated zero-shot on the 128 of
        // the reference; ns-vorticity-2d: 2 snapshots -> the next 3 on a 16 x 16 grid. Small, short runs: the check is
        // that the instance is read from the reference and compared with the right slice, and that an identity
        // "prediction" would be much worse than what little training gives.
        using var folder = new TempFolder("npde-fnorow", create: false);
        string data = folder.Path;
        var options = new BenchmarkOptions { Budget = BenchmarkBudget.Standard, MaxSteps = 60, Seed = 5, Threads = 1, DataDirectory = data };
        ProblemSpec burgers = ProblemCatalog.Problems().Load("burgers-1d-periodic",
        [
            "reference.resolution=128", "reference.outputResolution=128", "reference.outputTimes=11",
            "fno.data.samples=24", "fno.data.train=16", "fno.data.test=8", "fno.model.width=12", "fno.model.modes=[8]", "fno.model.projectionWidth=32",
            "fno.data.set=[\"spec.reference.timeStep=1e-3\", \"spec.reference.outputTimes=2\", \"spec.reference.resolution=128\", \"spec.reference.outputResolution=128\"]",
        ]);
        ProblemSpec vorticity = ProblemCatalog.Problems().Load("ns-vorticity-2d",
        [
            "parameters.tEnd=5", "reference.resolution=16", "reference.outputResolution=16", "reference.outputTimes=6",
            "fno.data.samples=12", "fno.data.train=8", "fno.data.test=4", "fno.data.inputSteps=2", "fno.data.outputSteps=3",
            "fno.model.width=8", "fno.model.modes=[4,4]", "fno.model.projectionWidth=16", "fno.training.batchSize=4",
            "fno.data.set=[\"spec.parameters.tEnd=5\", \"spec.reference.outputTimes=6\", \"spec.reference.resolution=16\", \"spec.reference.outputResolution=16\", \"batchSize=12\"]",
        ]);
        BenchmarkResults results = new BenchmarkRunner(BenchmarkMethods.Parse("classical,fno"), options).Run([burgers, vorticity]);
        MethodOutcome b = results.Problems[0].Outcomes[1], v = results.Problems[1].Outcomes[1];
        Assert.True(b.Status == MethodStatus.Completed, b.Reason);
        Assert.True(v.Status == MethodStatus.Completed, v.Reason);
        Assert.Contains("trained at 32, evaluated zero-shot at 128", b.Reason);
        Assert.Contains("trained and evaluated on the reference grid 16x16", v.Reason);
        Assert.Null(b.Prediction);

        // the identity map (u(x, 1) := u(x, 0)) on the same slice: Burgers at nu = 0.1 decays a lot by t = 1
        BenchmarkReference r = results.Problems[0].Reference!;
        int nx = r.Axes[1].Length, nt = r.Axes[0].Length;
        double identity = ErrorNorms.RelativeL2(r.Values[..nx], r.Values[((nt - 1) * nx)..]);
        Assert.True(identity > 0.2, $"identity baseline {identity:E3}");
        Assert.True(b.RelL2 < 0.7 * identity, $"burgers FNO relL2 {b.RelL2:E3} vs identity {identity:E3}");
        // 8 training samples barely train the vorticity FNO: the check is that the instance's error is of the size of
        // its own test-split error (a wrong slice of the reference would not be)
        double split = v.Details["relL2_testSplit"];
        Assert.True(double.IsFinite(v.RelL2!.Value) && v.RelL2 < 1.5 * split && v.RelL2 > split / 1.5, $"vorticity FNO relL2 {v.RelL2:E3} vs its test split {split:E3}");
    }

    [Fact]
    public void QuickDarcyTrainsOnEveryOtherNodeAndStillBeatsTheMeanTrainingField()
    {
        // quick budget on a 41 x 41 reference: the training set is generated on 21 x 21 nodes (every other node), the
        // FNO predicts there and the other nodes are interpolated; the mean training field, interpolated the same
        // way, is the baseline on the 41 x 41 reference grid
        using var folder = new TempFolder("npde-fnorow", create: false);
        string data = folder.Path;
        var options = new BenchmarkOptions { Budget = BenchmarkBudget.Quick, MaxSteps = 200, Seed = 5, Threads = 1, DataDirectory = data };
        BenchmarkResults results = new BenchmarkRunner(BenchmarkMethods.Parse("classical,fno"), options).Run([TinyDarcy(41)]);
        BenchmarkReference reference = results.Problems[0].Reference!;
        MethodOutcome fno = results.Problems[0].Outcomes[1];
        Assert.True(fno.Status == MethodStatus.Completed, fno.Reason);
        Assert.Contains("trained and predicted on 21x21 (every other node of the reference grid)", fno.Reason);
        Assert.Equal(41 * 41, fno.Prediction![reference.Field].Length);
        double[] mean = MeanTrainingField(data);
        double meanField = ErrorNorms.RelativeL2(FnoBenchmarkInstance.Refine(mean, 21, 21), reference.Values);
        Assert.True(fno.RelL2 < 0.8 * meanField, $"FNO relL2 {fno.RelL2:E3} does not beat the mean training field ({meanField:E3})");
    }

    [Fact]
    public void RefiningEveryOtherNodeIsExactForBilinearFields()
    {
        // f = 1 + 2x - 3y + 5xy on a 3 x 4 coarse node grid (x = i, y = j); the 5 x 7 fine grid has half steps
        static double F(double x, double y) => 1 + 2 * x - 3 * y + 5 * x * y;
        double[] coarse = new double[3 * 4];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                coarse[i * 4 + j] = F(i, j);
            }
        }
        double[] fine = FnoBenchmarkInstance.Refine(coarse, 3, 4);
        Assert.Equal(5 * 7, fine.Length);
        for (int i = 0; i < 5; i++)
        {
            for (int j = 0; j < 7; j++)
            {
                Assert.Equal(F(i / 2.0, j / 2.0), fine[i * 7 + j], 12);
            }
        }
    }

    [Fact]
    public void CancellingDuringTrainingMarksTheRowInterrupted()
    {
        using var folder = new TempFolder("npde-fnorow", create: false);
        string data = folder.Path;
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

    [Theory]
    [InlineData("poisson-2d", "no FNO dataset recipe for this problem: an operator learner needs a family of instances")]
    [InlineData("burgers-1d", "no FNO dataset recipe for this problem: an operator learner needs a family of instances")]
    [InlineData("poisson-star", "operator learner is the WoS-supervised FNO, trained on its own (neuralpde train poisson-star --method wos)")]
    public void ProblemsWithoutAnFnoRecipeGetTheReason(string name, string reason)
    {
        ProblemSpec spec = ProblemCatalog.Problems().Load(name, []);
        Assert.Contains(reason, new FnoMethod().NotApplicableReason(spec));
        BenchmarkResults results = new BenchmarkRunner(BenchmarkMethods.Parse("fno"), new BenchmarkOptions { MaxSteps = 1 }).Run([spec]);
        MethodOutcome row = results.Problems[0].Outcomes[0];
        Assert.Equal(MethodStatus.NotApplicable, row.Status);
        Assert.Contains(reason, row.Reason);
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
