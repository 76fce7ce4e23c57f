using NeuralPDE.Core.Solutions;
using Plotly.NET;
using Plotly.NET.CSharp;
using CsChart = Plotly.NET.CSharp.Chart;

namespace NeuralPDE.Benchmarks;

/// <summary>The benchmark report's figures: fields on the reference grid, and bar charts comparing methods.</summary>
public static class BenchmarkFigures
{
    /// <summary>A heatmap of a field on the grid (the last time slice of a (t, x, y) grid); points outside the mask blank.</summary>
    public static GenericChart Field(IReadOnlyList<GridAxis> axes, double[] values, double[]? mask, bool error = false)
    {
        ArgumentNullException.ThrowIfNull(axes);
        ArgumentNullException.ThrowIfNull(values);
        if (axes.Count == 3)
        {
            int plane = axes[1].Length * axes[2].Length;
            int last = values.Length - plane;
            return Field(axes.Skip(1).ToArray(), values[last..], mask?[last..], error);
        }
        if (axes.Count != 2)
        {
            return CsChart.Line<double, double, string>(axes[0].Values, values).WithSize(460, 400);
        }
        // values[i * n1 + j] at (a0[i], a1[j]): plot a1 across for (t, x) grids (time upwards), a0 across for (x, y).
        bool spaceTime = axes[0].Name == "t";
        GridAxis across = spaceTime ? axes[1] : axes[0], up = spaceTime ? axes[0] : axes[1];
        int n0 = axes[0].Length, n1 = axes[1].Length;
        var z = new double[up.Length][];
        for (int r = 0; r < up.Length; r++)
        {
            z[r] = new double[across.Length];
            for (int c = 0; c < across.Length; c++)
            {
                int k = spaceTime ? r * n1 + c : c * n1 + r;
                z[r][c] = mask is not null && mask[k] == 0 ? double.NaN : values[k];
            }
        }
        _ = n0;
        return CsChart.Heatmap<double, double, double, string>(z, X: across.Values, Y: up.Values,
                ColorScale: error ? StyleParam.Colorscale.Viridis : StyleParam.Colorscale.RdBu)
            .WithXAxisStyle<double, double, string>(TitleText: across.Name)
            .WithYAxisStyle<double, double, string>(TitleText: up.Name)
            .WithSize(460, 400);
    }

    /// <summary>One bar per method (methods without a value are left out); a log axis for errors.</summary>
    public static GenericChart Bars(string title, IReadOnlyList<(string Method, double Value)> bars, bool log = false)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var chart = CsChart.Column<double, string, string>(bars.Select(b => b.Value).ToArray(), Keys: bars.Select(b => b.Method).ToArray(), Name: title)
            .WithSize(360, 320);
        return log
            ? chart.WithYAxisStyle<double, double, string>(TitleText: title, AxisType: StyleParam.AxisType.Log)
            : chart.WithYAxisStyle<double, double, string>(TitleText: title);
    }
}
