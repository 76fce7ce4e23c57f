using NeuralPDE.Core.Solutions;

namespace NeuralPDE.Core.Families.NavierStokes;

/// <summary>
/// Published benchmark values for the lid-driven cavity at Re = 100 (unit square, lid u = 1 at y = 1) from
/// U. Ghia, K. N. Ghia and C. T. Shin, "High-Re solutions for incompressible flow using the Navier–Stokes
/// equations and a multigrid method", J. Comput. Phys. 48 (1982) 387–411: Table I (u along the vertical
/// centreline x = 0.5), Table II (v along the horizontal centreline y = 0.5) and the primary-vortex data
/// of Table III/IV. Ghia's solution is a 129 × 129 stream function–vorticity finite-difference solution,
/// so the stations are nodes of that grid (multiples of 1/128, printed to 4 decimals).
/// </summary>
public static class GhiaCavityData
{
    /// <summary>The Reynolds number these values belong to.</summary>
    public const double Re = 100;

    /// <summary>Grid intervals of Ghia's grid: stations are j / 128.</summary>
    public const int GridIntervals = 128;

    /// <summary>Table I: y stations along x = 0.5 (top to bottom, as printed).</summary>
    public static IReadOnlyList<double> CentrelineY { get; } =
    [
        1.0000, 0.9766, 0.9688, 0.9609, 0.9531, 0.8516, 0.7344, 0.6172, 0.5000,
        0.4531, 0.2813, 0.1719, 0.1016, 0.0703, 0.0625, 0.0547, 0.0000,
    ];

    /// <summary>Table I, Re = 100: u(0.5, y) at <see cref="CentrelineY"/>.</summary>
    public static IReadOnlyList<double> CentrelineU { get; } =
    [
        1.00000, 0.84123, 0.78871, 0.73722, 0.68717, 0.23151, 0.00332, -0.13641, -0.20581,
        -0.21090, -0.15662, -0.10150, -0.06434, -0.04775, -0.04192, -0.03717, 0.00000,
    ];

    /// <summary>Table II: x stations along y = 0.5 (right to left, as printed).</summary>
    public static IReadOnlyList<double> CentrelineX { get; } =
    [
        1.0000, 0.9688, 0.9609, 0.9531, 0.9453, 0.9063, 0.8594, 0.8047, 0.5000,
        0.2344, 0.2266, 0.1563, 0.0938, 0.0781, 0.0703, 0.0625, 0.0000,
    ];

    /// <summary>Table II, Re = 100: v(x, 0.5) at <see cref="CentrelineX"/>.</summary>
    public static IReadOnlyList<double> CentrelineV { get; } =
    [
        0.00000, -0.05906, -0.07391, -0.08864, -0.10313, -0.16914, -0.22445, -0.24533, 0.05454,
        0.17527, 0.17507, 0.16077, 0.12317, 0.10890, 0.10091, 0.09233, 0.00000,
    ];

    /// <summary>Primary vortex centre at Re = 100 (x, y).</summary>
    public static (double X, double Y) PrimaryVortexCentre { get; } = (0.6172, 0.7344);

    /// <summary>Stream function at the primary vortex centre, Re = 100 (ψ = 0 on the walls, u = ψ_y).</summary>
    public const double PrimaryVortexPsi = -0.103423;

    /// <summary>Grid index (0..128) of a printed station: the nearest multiple of 1/128.</summary>
    public static int GridIndex(double station) => (int)Math.Round(station * GridIntervals);

    /// <summary>
    /// max |u(0.5, y) - Ghia| over Table I for a cavity solution on an [x, y] grid (field <c>u</c>). Stations are taken
    /// at y = j/128; where that is not a node of the solution grid, u is interpolated along x = 0.5 by the cubic
    /// through the four nearest nodes. Requires x = 0.5 to be a node (odd resolution).
    /// </summary>
    public static double CentrelineUError(ReferenceSolution solution)
    {
        FieldData u = solution.Fields["u"];
        double[] x = solution.Axes[0].Values;
        double[] y = solution.Axes[1].Values;
        int ic = NodeIndex(x, 0.5) ?? throw new ArgumentException("x = 0.5 is not a grid node (use an odd resolution)", nameof(solution));
        var line = new double[y.Length];
        for (int j = 0; j < y.Length; j++)
        {
            line[j] = u[ic, j];
        }
        return MaxDeviation(y, line, CentrelineY, CentrelineU);
    }

    /// <summary>max |v(x, 0.5) - Ghia| over Table II (field <c>v</c>), sampled like <see cref="CentrelineUError"/>.</summary>
    public static double CentrelineVError(ReferenceSolution solution)
    {
        FieldData v = solution.Fields["v"];
        double[] x = solution.Axes[0].Values;
        double[] y = solution.Axes[1].Values;
        int jc = NodeIndex(y, 0.5) ?? throw new ArgumentException("y = 0.5 is not a grid node (use an odd resolution)", nameof(solution));
        var line = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            line[i] = v[i, jc];
        }
        return MaxDeviation(x, line, CentrelineX, CentrelineV);
    }

    /// <summary>Value of a sampled profile at <paramref name="s"/>: the node value when s is a node, else the cubic
    /// through the four nearest nodes (uniform or not).</summary>
    public static double Interpolate(double[] nodes, double[] values, double s)
    {
        if (NodeIndex(nodes, s) is int exact)
        {
            return values[exact];
        }
        int k = Array.BinarySearch(nodes, s);
        k = k < 0 ? ~k : k;
        int start = Math.Clamp(k - 2, 0, Math.Max(0, nodes.Length - 4));
        int end = Math.Min(nodes.Length, start + 4);
        double result = 0;
        for (int a = start; a < end; a++)
        {
            double weight = 1;
            for (int b = start; b < end; b++)
            {
                if (b != a)
                {
                    weight *= (s - nodes[b]) / (nodes[a] - nodes[b]);
                }
            }
            result += weight * values[a];
        }
        return result;
    }

    private static double MaxDeviation(double[] nodes, double[] values, IReadOnlyList<double> stations, IReadOnlyList<double> published)
    {
        double max = 0;
        for (int k = 0; k < stations.Count; k++)
        {
            double s = (double)GridIndex(stations[k]) / GridIntervals;
            max = Math.Max(max, Math.Abs(Interpolate(nodes, values, s) - published[k]));
        }
        return max;
    }

    private static int? NodeIndex(double[] nodes, double s)
    {
        double tol = 1e-9 * Math.Max(1, Math.Abs(nodes[^1] - nodes[0]));
        for (int i = 0; i < nodes.Length; i++)
        {
            if (Math.Abs(nodes[i] - s) <= tol)
            {
                return i;
            }
        }
        return null;
    }
}
