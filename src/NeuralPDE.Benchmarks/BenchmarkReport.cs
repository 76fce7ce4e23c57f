using System.Globalization;
using NeuralPDE.Plots;

namespace NeuralPDE.Benchmarks;

/// <summary>The self-contained offline HTML report of a benchmark run: a summary table, the published figures beside
/// ours, and per problem the reference, each method's prediction and pointwise error, training curves, bar charts of
/// relative L2, wall time and peak memory, and the environment.</summary>
public static class BenchmarkReport
{
    public static OfflineHtmlReport Build(BenchmarkResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var report = new OfflineHtmlReport($"NeuralPDE benchmark ({BenchmarkBudgets.Name(results.Options.Budget)} budget)");
        string state = results.Interrupted ? "INTERRUPTED: the rows below are what finished. " : "";
        report.Section("Summary", $"{state}{results.Problems.Count} problem(s), methods {string.Join(", ", results.Methods)}; " +
            $"{results.WallSeconds:F1} s in all, started {results.Started:yyyy-MM-dd HH:mm} UTC. Every method is compared with the same reference on the same grid; " +
            "peak memory is the resident-set peak while the method ran, above what the process held when it started.");
        report.AddTable("Results", BenchmarkTable.Header, BenchmarkTable.Rows(results));
        var published = results.Problems.SelectMany(p => PublishedFigures.For(p.Problem)).Distinct().ToList();
        if (published.Count > 0)
        {
            report.AddTable("Published figures (quoted from the papers, not rerun here)", ["problem", "method", "metric", "published value", "source"],
                published.Select(f => (IReadOnlyList<string>)[f.Problem, f.Method, f.Metric, f.Value, f.Source]));
        }
        foreach (ProblemResult problem in results.Problems)
        {
            AddProblem(report, problem);
        }
        report.Section("Environment");
        report.AddTable("Where this ran", ["", "value"], results.Environment.Entries.Select(e => (IReadOnlyList<string>)[e.Key, e.Value]));
        return report;
    }

    private static void AddProblem(OfflineHtmlReport report, ProblemResult problem)
    {
        BenchmarkReference? reference = problem.Reference;
        report.Section($"{problem.Problem}", reference is null
            ? $"{problem.Description}. No reference: {problem.ReferenceFailure}."
            : $"{problem.Description}. Reference: {reference.Label}.");
        report.AddTable($"{problem.Problem}: methods", ["method", "status", "relL2", "wall s", "peak MB", "settings / note"],
            problem.Outcomes.Select(o => (IReadOnlyList<string>)
            [
                o.Method,
                BenchmarkTable.Status(o.Status),
                o.RelL2 is double r ? r.ToString("E3", CultureInfo.InvariantCulture) : "-",
                o.WallSeconds > 0 ? o.WallSeconds.ToString("F1", CultureInfo.InvariantCulture) : "-",
                o.PeakMemoryMB is double m ? m.ToString("F0", CultureInfo.InvariantCulture) : "-",
                string.Join("; ", new[] { o.Settings, o.Reason ?? "", Details(o) }.Where(s => s.Length > 0)),
            ]));
        if (reference is null)
        {
            return;
        }
        report.Add($"reference {reference.Field} ({(reference.IsExact ? "exact" : "classical")})", BenchmarkFigures.Field(reference.Axes, reference.Values, reference.Mask));
        foreach (MethodOutcome o in problem.Outcomes.Where(o => o.Status == MethodStatus.Completed && o.Prediction is not null))
        {
            if (!o.Prediction!.TryGetValue(reference.Field, out double[]? predicted) || predicted.Length != reference.Values.Length)
            {
                continue;
            }
            report.Add($"{o.Method}: {reference.Field}", BenchmarkFigures.Field(reference.Axes, predicted, reference.Mask));
            if (o.RelL2 is not null)
            {
                report.Add($"{o.Method}: |{reference.Field} − reference|", BenchmarkFigures.Field(reference.Axes, reference.PointwiseError(predicted), reference.Mask, error: true));
            }
        }
        foreach (MethodOutcome o in problem.Outcomes.Where(o => o.Curves.Count > 0))
        {
            double[] steps = o.Curves[0].Steps;
            report.Add($"{o.Method}: training curves", LossFigures.LossCurves(steps, o.Curves.ToDictionary(c => c.Name, c => c.Values), "loss"));
        }
        var done = problem.Outcomes.Where(o => o.Status == MethodStatus.Completed).ToList();
        var errors = done.Where(o => o.RelL2 is double r && r > 0).Select(o => (o.Method, o.RelL2!.Value)).ToList();
        if (errors.Count > 0)
        {
            report.Add("relative L2 (log)", BenchmarkFigures.Bars("relative L2", errors, log: true));
        }
        if (done.Count > 0)
        {
            report.Add("wall time", BenchmarkFigures.Bars("wall s", done.Select(o => (o.Method, o.WallSeconds)).ToList()));
            report.Add("peak memory", BenchmarkFigures.Bars("peak MB", done.Where(o => o.PeakMemoryMB is not null).Select(o => (o.Method, o.PeakMemoryMB!.Value)).ToList()));
        }
    }

    private static string Details(MethodOutcome o) =>
        string.Join(", ", o.Details.Where(d => d.Key.StartsWith("relL2_", StringComparison.Ordinal) || d.Key.StartsWith("ghia", StringComparison.Ordinal) || d.Key is "steps" or "epochs" or "generationSeconds")
            .Select(d => $"{d.Key} = {d.Value.ToString("G4", CultureInfo.InvariantCulture)}"));
}
