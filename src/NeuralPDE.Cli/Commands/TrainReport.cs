using NeuralPDE.Core.Specs;
using NeuralPDE.Learning.Pinn;
using NeuralPDE.Plots;

namespace NeuralPDE.Cli.Commands;

/// <summary>The <c>--plot</c> page of a training run: summary, loss curves, then the solution, the exact/reference
/// solution and the pointwise error.</summary>
public static class TrainReport
{
    public static OfflineHtmlReport Build(ProblemSpec spec, PinnSettings settings, TrainingResult result, PinnEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(evaluation);
        string metrics = string.Join(", ", evaluation.Metrics.Select(kv => $"{kv.Key} = {kv.Value:G4}"));
        string summary = $"PINN ({settings.Describe()}), {result.Steps} steps in {result.Seconds:F1} s; relative L2 = {evaluation.RelL2:E3} vs {evaluation.ComparedWith}. {metrics}";
        OfflineHtmlReport report = SolutionFigures.Report(evaluation.Solution, summary);
        report.Section("Training", "Loss terms (unweighted mean squares) against the optimiser step; Adam first, then L-BFGS.");
        double[] steps = result.History.Select(h => (double)h.Step).ToArray();
        var series = new Dictionary<string, double[]>
        {
            ["total (weighted)"] = result.History.Select(h => h.Loss).ToArray(),
            ["PDE residual"] = result.History.Select(h => h.PdeLoss).ToArray(),
        };
        for (int i = 0; i < result.ConstraintNames.Count; i++)
        {
            int k = i;
            series[result.ConstraintNames[k]] = result.History.Select(h => h.ConstraintLosses[k]).ToArray();
        }
        report.Add("loss curves", LossFigures.LossCurves(steps, series));
        return report;
    }
}
