using NeuralPDE.Benchmarks;
using NeuralPDE.Core.Specs;
using NeuralPDE.Learning.Pinn;
using NeuralPDE.Learning.Pinn.Families;

namespace NeuralPDE.Tests.Benchmark;

/// <summary>The side-by-side runner: one reference per problem, a row per method, reasons for methods that do not
/// apply, and partial results when interrupted.</summary>
public class BenchmarkRunnerTests
{
    private static readonly BenchmarkOptions Smoke = new() { Budget = BenchmarkBudget.Quick, MaxSteps = 40, Seed = 3, Threads = 1 };

    private static ProblemSpec Load(string name) => ProblemCatalog.Problems().Load(name, []);

    [Fact]
    public void PinnRowUsesTheSameGridAndReferenceAsTheTrainersOwnEvaluation()
    {
        // poisson-2d: the classical grid is reference.resolution^2, the same grid the PINN family evaluates on against
        // the exact manufactured solution, so the benchmark's error must equal the trainer's own figure.
        ProblemSpec spec = Load("poisson-2d");
        var runner = new BenchmarkRunner(BenchmarkMethods.Parse("classical,pinn"), Smoke);
        BenchmarkResults results = runner.Run([spec]);
        ProblemResult problem = Assert.Single(results.Problems);
        Assert.NotNull(problem.Reference);
        Assert.True(problem.Reference!.IsExact);
        MethodOutcome classical = problem.Outcomes[0], pinn = problem.Outcomes[1];
        Assert.Equal(MethodStatus.Completed, classical.Status);
        Assert.Equal(MethodStatus.Completed, pinn.Status);
        // the 5-point scheme at h = 1/64 is second order: about 5e-4 here, far from both 0 and 1
        Assert.InRange(classical.RelL2!.Value, 1e-4, 2e-3);

        PinnProblem pinnProblem = PinnProblems.For(spec);
        using var trainer = new PinnTrainer(pinnProblem, Benchmarks.Methods.PinnMethod.SettingsFor(spec, Smoke), new TrainingOptions { Seed = Smoke.Seed });
        trainer.Train();
        PinnEvaluation own = pinnProblem.Evaluate(trainer.Field, TorchSharp.torch.ScalarType.Float64);
        Assert.Equal(own.RelL2, pinn.RelL2!.Value, 1e-9);
        Assert.Equal(40, pinn.Details["steps"]);
        Assert.NotEmpty(pinn.Curves);
        Assert.True(pinn.PeakMemoryMB >= 0);
    }

    [Fact]
    public void NavierStokesPredictionIsTheStreamFunctionVelocity()
    {
        // u = psi_y, v = -psi_x: a network whose psi is exactly y^2 x gives u = 2 x y and v = -y^2 on the grid.
        var pinn = (NavierStokesPinn)PinnProblems.For(ProblemCatalog.Problems().Load("ns-kovasznay", ["pinn.formulation=stream-function"]));
        var x = new NeuralPDE.Core.Solutions.GridAxis("x", [0.0, 0.5, 1.0]);
        var y = new NeuralPDE.Core.Solutions.GridAxis("y", [-0.5, 0.25]);
        Field field = p =>
        {
            var xs = p.narrow(1, 0, 1);
            var ys = p.narrow(1, 1, 1);
            return TorchSharp.torch.cat([ys * ys * xs, xs + ys], 1);
        };
        var predicted = pinn.Predict(field, [x, y], TorchSharp.torch.ScalarType.Float64);
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                Assert.Equal(2 * x.Values[i] * y.Values[j], predicted["u"][i * 2 + j], 12);
                Assert.Equal(-y.Values[j] * y.Values[j], predicted["v"][i * 2 + j], 12);
                Assert.Equal(x.Values[i] + y.Values[j], predicted["p"][i * 2 + j], 12);
            }
        }
    }

    [Fact]
    public void GridAxesAreMatchedToInputsByName()
    {
        // burgers inputs are (t, x); a grid given as (x, t) must put each coordinate in its own input slot.
        PinnProblem burgers = PinnProblems.For(Load("burgers-1d"));
        double[] points = burgers.InputPoints([new("x", [1.0, 2.0]), new("t", [10.0, 20.0, 30.0])]);
        Assert.Equal([10.0, 1.0, 20.0, 1.0, 30.0, 1.0, 10.0, 2.0, 20.0, 2.0, 30.0, 2.0], points);
        var e = Assert.Throws<ArgumentException>(() => burgers.InputPoints([new("x", [1.0]), new("y", [1.0])]));
        Assert.Contains("expected the inputs of burgers-1d (t, x)", e.Message);
    }

    [Fact]
    public void PoissonStarRowsCompareWalkOnSpheresAndPinnOnTheSameNetworkAndReference()
    {
        var options = Smoke with { MaxSteps = 20 };
        var runner = new BenchmarkRunner(BenchmarkMethods.Parse("classical,pinn,wos"), options);
        BenchmarkResults results = runner.Run([Load("poisson-star")]);
        var rows = results.Problems[0].Outcomes;
        Assert.All(rows, r => Assert.Equal(MethodStatus.Completed, r.Status));
        MethodOutcome pinn = rows[1], wos = rows[2];
        Assert.Equal(20, pinn.Details["steps"]);
        Assert.Equal(20, wos.Details["steps"]);
        Assert.True(wos.Details["walks"] > 0);
        Assert.Equal(0, pinn.Details["walks"]);
        // the grid error equals the trainer's own error on the reference's mask nodes (a separate computation)
        double last = wos.Curves.Single(c => c.Name.StartsWith("relative L2", StringComparison.Ordinal)).Values[^1];
        Assert.Equal(last, wos.RelL2!.Value, 1e-9);
        Assert.InRange(wos.RelL2!.Value, 1e-3, 1.5);
    }

    [Fact]
    public void MethodsThatDoNotApplyGetARowWithTheReason()
    {
        var runner = new BenchmarkRunner(BenchmarkMethods.Parse("classical,pinn"), Smoke);
        BenchmarkResults results = runner.Run([Load("darcy-2d")]);
        MethodOutcome classical = results.Problems[0].Outcomes[0], pinn = results.Problems[0].Outcomes[1];
        Assert.Equal(MethodStatus.Completed, classical.Status);
        Assert.Null(classical.RelL2);
        Assert.Contains("is the reference", classical.Reason);
        Assert.Equal(MethodStatus.NotApplicable, pinn.Status);
        Assert.Contains("no PINN formulation for darcy", pinn.Reason);
        Assert.Contains("n/a", BenchmarkTable.Format(results));
    }

    [Fact]
    public void AnInterruptedRunKeepsWhatFinishedAndSaysSo()
    {
        using var cancel = new CancellationTokenSource();
        BenchmarkResults? seen = null;
        var runner = new BenchmarkRunner(BenchmarkMethods.Parse("classical,pinn"), Smoke)
        {
            RowFinished = r =>
            {
                seen = r;
                cancel.Cancel();   // stop after the first row
            },
        };
        BenchmarkResults results = runner.Run([Load("poisson-2d"), Load("pme-1d")], cancel.Token);
        Assert.Same(seen, results);
        Assert.True(results.Interrupted);
        var rows = results.Rows.ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal(MethodStatus.Completed, rows[0].Status);
        Assert.All(rows.Skip(1), r => Assert.Equal(MethodStatus.Interrupted, r.Status));
        string html = BenchmarkReport.Build(results).ToHtml();
        Assert.Contains("INTERRUPTED", html);
        Assert.Contains("\"interrupted\": true", BenchmarkExport.ToJson(results).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    [Fact]
    public void UnknownBudgetsAndMethodsAreRejectedByName()
    {
        Assert.Contains("--budget huge: expected quick, standard or paper", Assert.Throws<SpecException>(() => BenchmarkBudgets.Parse("huge")).Message);
        Assert.Contains("--methods magic: expected a comma list of classical, pinn, fno, wos", Assert.Throws<SpecException>(() => BenchmarkMethods.Parse("pinn,magic")).Message);
    }
}
