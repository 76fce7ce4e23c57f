using NeuralPDE.Core.Geometry;

namespace NeuralPDE.Tests.WalkOnSpheres;

/// <summary>Test domains and exact solutions shared by the walk-on-spheres tests.</summary>
internal static class WosTestCases
{
    /// <summary>u = e^x sin y (harmonic).</summary>
    public static double ExpSin(double x, double y) => Math.Exp(x) * Math.Sin(y);

    /// <summary>u = x² − y² (harmonic).</summary>
    public static double Saddle(double x, double y) => x * x - y * y;

    /// <summary>u = sin(πx/2) cos(πy/2) + x y, −Δu = (π²/2) sin(πx/2) cos(πy/2).</summary>
    public static double Wave(double x, double y) => Math.Sin(Math.PI * x / 2) * Math.Cos(Math.PI * y / 2) + x * y;

    public static double WaveSource(double x, double y) => Math.PI * Math.PI / 2 * Math.Sin(Math.PI * x / 2) * Math.Cos(Math.PI * y / 2);

    public static IDomain2D Domain(string name) => name switch
    {
        "disk" => new DiskDomain(0.1, -0.1, 0.9),
        "box" => new BoxDomain(-1, 1, -0.5, 1),
        "lshape" => LShapeDomain.Instance,
        "star" => new StarDomain(1.0, 0.2, 0.1),
        "polygon" => new PolygonDomain([(-1, -0.8), (0.9, -1), (1.1, 0.4), (0.2, 0.1), (-0.3, 1.0)]),
        "union" => new UnionDomain(new DiskDomain(-0.4, 0, 0.6), new BoxDomain(-0.2, 1, -0.4, 0.4)),
        "difference" => new DifferenceDomain(new BoxDomain(-1, 1, -1, 1), new DiskDomain(0.2, 0.1, 0.35)),
        _ => throw new ArgumentException(name),
    };

    /// <summary>Interior points drawn uniformly from the domain's bounding box (rejection), at least
    /// <paramref name="margin"/> from the boundary.</summary>
    public static List<(double X, double Y)> InteriorPoints(IDomain2D domain, int count, int seed, double margin = 0.02)
    {
        var rng = new Random(seed);
        var b = domain.Bounds;
        var points = new List<(double, double)>();
        while (points.Count < count)
        {
            double x = b.XMin + b.Width * rng.NextDouble(), y = b.YMin + b.Height * rng.NextDouble();
            if (domain.Contains(x, y) && domain.SignedDistance(x, y) < -margin)
            {
                points.Add((x, y));
            }
        }
        return points;
    }

    /// <summary>Least-squares slope of log y against log x.</summary>
    public static double LogSlope(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double[] lx = x.Select(v => Math.Log(v)).ToArray(), ly = y.Select(v => Math.Log(v)).ToArray();
        double mx = lx.Average(), my = ly.Average();
        double sxy = 0, sxx = 0;
        for (int k = 0; k < lx.Length; k++)
        {
            sxy += (lx[k] - mx) * (ly[k] - my);
            sxx += (lx[k] - mx) * (lx[k] - mx);
        }
        return sxy / sxx;
    }
}
