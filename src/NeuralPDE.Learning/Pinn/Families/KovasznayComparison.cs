using NeuralPDE.Core.Families.NavierStokes;
using NeuralPDE.Core.Solutions;

namespace NeuralPDE.Learning.Pinn.Families;

/// <summary>How a Kovasznay PINN (either formulation) is scored: u, v and the mean-free p against the exact flow on a
/// 101 x 101 grid of the rectangle; relL2 is the larger of the u and v errors.</summary>
public static class KovasznayComparison
{
    public const int Points = 101;

    public static (GridAxis X, GridAxis Y) Grid(double[] lower, double[] upper)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        return (GridAxis.Uniform("x", lower[0], upper[0], Points), GridAxis.Uniform("y", lower[1], upper[1], Points));
    }

    public static PinnEvaluation Evaluate(string problem, KovasznaySolution exact, GridAxis gx, GridAxis gy, double[] u, double[] v, double[] p)
    {
        ArgumentNullException.ThrowIfNull(exact);
        ArgumentNullException.ThrowIfNull(gx);
        ArgumentNullException.ThrowIfNull(gy);
        var s = new ReferenceSolution(problem, "pinn", [gx, gy], "u").AddField("u", u).AddField("v", v).AddField("p", Centre(p))
            .AddExact("u", KovasznaySolution.Sample(exact.U, gx.Values, gy.Values))
            .AddExact("v", KovasznaySolution.Sample(exact.V, gx.Values, gy.Values))
            .AddExact("p", Centre(KovasznaySolution.Sample(exact.P, gx.Values, gy.Values)));
        double ru = s.RelativeL2("u") ?? double.NaN, rv = s.RelativeL2("v") ?? double.NaN;
        return new PinnEvaluation(s, Math.Max(ru, rv), new Dictionary<string, double>
        {
            ["relL2"] = Math.Max(ru, rv),
            ["relL2_u"] = ru,
            ["relL2_v"] = rv,
            ["relL2_p_meanFree"] = s.RelativeL2("p") ?? double.NaN,
        }, $"exact Kovasznay u, v on a {Points} x {Points} grid (relL2 = the larger of u and v; p compared after removing the mean)");
    }

    private static double[] Centre(double[] values)
    {
        double mean = values.Average();
        return values.Select(v => v - mean).ToArray();
    }
}
