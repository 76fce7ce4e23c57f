namespace NeuralPDE.Core.Geometry;

/// <summary>
/// A uniform tensor grid of nodes x_i = XMin + i hx (i = 0..NX−1), y_j = YMin + j hy (j = 0..NY−1), ends included.
/// Node (i, j) has the row-major index i·NY + j, matching a solution with axes [x, y].
/// </summary>
public sealed class NodeGrid2D
{
    public NodeGrid2D(double xMin, double xMax, int nx, double yMin, double yMax, int ny)
    {
        if (nx < 2 || ny < 2)
        {
            throw new ArgumentException($"a node grid needs at least 2 points per direction, got {nx} x {ny}");
        }
        if (!(xMax > xMin) || !(yMax > yMin))
        {
            throw new ArgumentException($"grid extent must be non-empty, got [{xMin}, {xMax}] x [{yMin}, {yMax}]");
        }
        XMin = xMin;
        XMax = xMax;
        YMin = yMin;
        YMax = yMax;
        NX = nx;
        NY = ny;
        Hx = (xMax - xMin) / (nx - 1);
        Hy = (yMax - yMin) / (ny - 1);
    }

    /// <summary>An n x n grid covering a bounding box.</summary>
    public static NodeGrid2D Square(BoundingBox box, int n) => new(box.XMin, box.XMax, n, box.YMin, box.YMax, n);

    public double XMin { get; }

    public double XMax { get; }

    public double YMin { get; }

    public double YMax { get; }

    public int NX { get; }

    public int NY { get; }

    public double Hx { get; }

    public double Hy { get; }

    public int Count => NX * NY;

    /// <summary>x_i, computed from the end points so that x_{NX−1} = XMax exactly.</summary>
    public double X(int i) => i == NX - 1 ? XMax : XMin + i * Hx;

    public double Y(int j) => j == NY - 1 ? YMax : YMin + j * Hy;

    public int Index(int i, int j) => i * NY + j;

    public double[] XValues() => Enumerable.Range(0, NX).Select(X).ToArray();

    public double[] YValues() => Enumerable.Range(0, NY).Select(Y).ToArray();

    /// <summary>f evaluated at every node, row-major [x, y].</summary>
    public double[] Evaluate(Func<double, double, double> f)
    {
        var v = new double[Count];
        for (int i = 0; i < NX; i++)
        {
            double x = X(i);
            for (int j = 0; j < NY; j++)
            {
                v[i * NY + j] = f(x, Y(j));
            }
        }
        return v;
    }
}
