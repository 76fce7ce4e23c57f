using Plotly.NET;
using Plotly.NET.CSharp;
using CsChart = Plotly.NET.CSharp.Chart;

namespace NeuralPDE.Plots;

/// <summary>Figures of operator learning: a 1-D prediction against its target, and per-sample error histograms.</summary>
public static class FnoFigures
{
    /// <summary>Lines of named 1-D fields over x (e.g. input, target, prediction).</summary>
    public static GenericChart Lines(double[] x, IReadOnlyDictionary<string, double[]> series)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(series);
        var lines = series.Select(kv => CsChart.Line<double, double, string>(x, kv.Value, Name: kv.Key)).ToList();
        return CsChart.Combine(lines)
            .WithXAxisStyle<double, double, string>(TitleText: "x")
            .WithSize(620, 400);
    }

    /// <summary>Histogram of per-sample relative errors.</summary>
    public static GenericChart ErrorHistogram(double[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return CsChart.Histogram<double, double, string>(X: errors, Name: "relative L2")
            .WithXAxisStyle<double, double, string>(TitleText: "relative L2 error per test sample")
            .WithSize(560, 360);
    }
}
