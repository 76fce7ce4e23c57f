using Plotly.NET;
using Plotly.NET.CSharp;
using CsChart = Plotly.NET.CSharp.Chart;

namespace NeuralPDE.Plots;

/// <summary>Training-history figures: loss curves against the step on a logarithmic axis.</summary>
public static class LossFigures
{
    /// <summary>One line per named series (e.g. total, PDE residual, boundary), y on a log scale. Non-positive or
    /// non-finite values are skipped (a log axis cannot show them).</summary>
    public static GenericChart LossCurves(IReadOnlyList<double> steps, IReadOnlyDictionary<string, double[]> series, string title = "loss")
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(series);
        var lines = new List<GenericChart>();
        foreach (var (name, values) in series)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (int i = 0; i < Math.Min(steps.Count, values.Length); i++)
            {
                if (values[i] > 0 && double.IsFinite(values[i]))
                {
                    xs.Add(steps[i]);
                    ys.Add(values[i]);
                }
            }
            lines.Add(CsChart.Line<double, double, string>(xs, ys, Name: name));
        }
        if (lines.Count == 0)
        {
            lines.Add(CsChart.Line<double, double, string>(Array.Empty<double>(), Array.Empty<double>(), Name: title));
        }
        return CsChart.Combine(lines)
            .WithXAxisStyle<double, double, string>(TitleText: "step")
            .WithYAxisStyle<double, double, string>(TitleText: title, AxisType: StyleParam.AxisType.Log)
            .WithSize(620, 420);
    }
}
