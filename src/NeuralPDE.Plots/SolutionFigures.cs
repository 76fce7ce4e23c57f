using NeuralPDE.Core.Solutions;
using Plotly.NET;
using Plotly.NET.CSharp;
using CsChart = Plotly.NET.CSharp.Chart;

namespace NeuralPDE.Plots;

/// <summary>Standard figures for a <see cref="ReferenceSolution"/>: the solution, the exact solution and the
/// pointwise error, as heatmaps (2-D and space-time) and snapshot lines (1-D in time).</summary>
public static class SolutionFigures
{
    /// <summary>Builds a report with one section per field of <paramref name="solution"/>.</summary>
    public static OfflineHtmlReport Report(ReferenceSolution solution, string? summary = null)
    {
        var report = new OfflineHtmlReport($"{solution.Problem} — {solution.Solver}");
        report.Section("Summary", summary ?? Describe(solution));
        string[] axes = solution.Axes.Select(a => a.Name).ToArray();
        foreach (FieldData field in solution.Fields.Values)
        {
            report.Section($"Field {field.Name}");
            solution.Exact.TryGetValue(field.Name, out FieldData? exact);
            switch (axes)
            {
                case ["t", "x"]:
                    AddSpaceTime(report, solution, field, exact);
                    break;
                case ["x", "y"]:
                    report.Add($"{field.Name}(x, y)", Heatmap2D(solution.Axes[0].Values, solution.Axes[1].Values, field.Values, solution.Mask?.Values));
                    if (exact is not null)
                    {
                        report.Add($"|{field.Name} − exact|", Heatmap2D(solution.Axes[0].Values, solution.Axes[1].Values, AbsDiff(field.Values, exact.Values), solution.Mask?.Values));
                    }
                    break;
                case ["t", "x", "y"]:
                    int nt = solution.Axes[0].Length;
                    foreach (int it in new[] { 0, nt / 2, nt - 1 }.Distinct())
                    {
                        FieldData slice = field.Slice(it);
                        report.Add($"{field.Name} at t = {solution.Axes[0].Values[it]:G4}", Heatmap2D(solution.Axes[1].Values, solution.Axes[2].Values, slice.Values, solution.Mask?.Values));
                        if (exact is not null)
                        {
                            report.Add($"|error| at t = {solution.Axes[0].Values[it]:G4}", Heatmap2D(solution.Axes[1].Values, solution.Axes[2].Values, AbsDiff(slice.Values, exact.Slice(it).Values), solution.Mask?.Values));
                        }
                    }
                    break;
                default:
                    break;
            }
        }
        if (solution.Coefficient is FieldData a && axes.Length >= 2)
        {
            report.Section("Coefficient");
            report.Add("a(x, y)", Heatmap2D(solution.Axes[^2].Values, solution.Axes[^1].Values, a.Values, null));
        }
        return report;
    }

    /// <summary>One line: problem, solver, grid, errors and key statistics.</summary>
    public static string Describe(ReferenceSolution s)
    {
        string grid = string.Join(" × ", s.Axes.Select(a => $"{a.Name}:{a.Length}"));
        string err = s.RelativeL2() is double r ? $"; relative L2 vs exact = {r:E3}" : "";
        string stats = string.Join(", ", s.Statistics.Select(kv => $"{kv.Key} = {kv.Value:G4}"));
        return $"Grid {grid}{err}. {stats}";
    }

    /// <summary>Heatmap of values[i * ny + j] at (x[i], y[j]); points with mask 0 are left blank.</summary>
    public static GenericChart Heatmap2D(double[] x, double[] y, double[] values, double[]? mask)
    {
        int nx = x.Length, ny = y.Length;
        var z = new double[ny][];
        for (int j = 0; j < ny; j++)
        {
            z[j] = new double[nx];
            for (int i = 0; i < nx; i++)
            {
                int k = i * ny + j;
                z[j][i] = mask is not null && mask[k] == 0 ? double.NaN : values[k];
            }
        }
        return CsChart.Heatmap<double, double, double, string>(z, X: x, Y: y, ColorScale: StyleParam.Colorscale.Viridis)
            .WithXAxisStyle<double, double, string>(TitleText: "x")
            .WithYAxisStyle<double, double, string>(TitleText: "y")
            .WithSize(460, 400);
    }

    private static void AddSpaceTime(OfflineHtmlReport report, ReferenceSolution s, FieldData field, FieldData? exact)
    {
        double[] t = s.Axes[0].Values, x = s.Axes[1].Values;
        int nt = t.Length, nx = x.Length;
        var z = new double[nt][];
        for (int i = 0; i < nt; i++)
        {
            z[i] = field.Values.AsSpan(i * nx, nx).ToArray();
        }
        report.Add($"{field.Name}(t, x)", CsChart.Heatmap<double, double, double, string>(z, X: x, Y: t, ColorScale: StyleParam.Colorscale.RdBu)
            .WithXAxisStyle<double, double, string>(TitleText: "x")
            .WithYAxisStyle<double, double, string>(TitleText: "t")
            .WithSize(560, 400));
        var lines = new List<GenericChart>();
        foreach (int it in new[] { 0, nt / 4, nt / 2, 3 * nt / 4, nt - 1 }.Distinct())
        {
            lines.Add(CsChart.Line<double, double, string>(x, field.Values.AsSpan(it * nx, nx).ToArray(), Name: $"t = {t[it]:G3}"));
            if (exact is not null)
            {
                lines.Add(CsChart.Line<double, double, string>(x, exact.Values.AsSpan(it * nx, nx).ToArray(), Name: $"exact t = {t[it]:G3}",
                    LineDash: StyleParam.DrawingStyle.Dash));
            }
        }
        report.Add("snapshots", CsChart.Combine(lines).WithXAxisStyle<double, double, string>(TitleText: "x").WithSize(560, 400));
        if (exact is not null)
        {
            double[] err = AbsDiff(field.Values, exact.Values);
            var ze = new double[nt][];
            for (int i = 0; i < nt; i++)
            {
                ze[i] = err.AsSpan(i * nx, nx).ToArray();
            }
            report.Add($"|{field.Name} − exact|", CsChart.Heatmap<double, double, double, string>(ze, X: x, Y: t, ColorScale: StyleParam.Colorscale.Viridis)
                .WithXAxisStyle<double, double, string>(TitleText: "x")
                .WithYAxisStyle<double, double, string>(TitleText: "t")
                .WithSize(560, 400));
        }
    }

    private static double[] AbsDiff(double[] a, double[] b)
    {
        var d = new double[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            d[i] = Math.Abs(a[i] - b[i]);
        }
        return d;
    }
}
