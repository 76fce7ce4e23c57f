namespace NeuralPDE.Core.Geometry;

/// <summary>
/// The open interior of a simple polygon (vertices in either orientation, last edge closing the loop). Distance,
/// nearest boundary point and crossings are exact (minimum over edges, O(vertices) per query). The constructor
/// rejects degenerate input with a one-line message: fewer than 3 vertices, non-finite or repeated consecutive
/// vertices, zero area, or two edges that intersect (O(n²) check).
/// </summary>
public sealed class PolygonDomain : IDomain2D
{
    private readonly double[] _x;
    private readonly double[] _y;

    public PolygonDomain(IReadOnlyList<(double X, double Y)> vertices)
    {
        ArgumentNullException.ThrowIfNull(vertices);
        int n = vertices.Count;
        if (n < 3)
        {
            throw new ArgumentException($"polygon needs at least 3 vertices, got {n}", nameof(vertices));
        }
        _x = new double[n];
        _y = new double[n];
        for (int k = 0; k < n; k++)
        {
            (_x[k], _y[k]) = vertices[k];
            if (!double.IsFinite(_x[k]) || !double.IsFinite(_y[k]))
            {
                throw new ArgumentException(FormattableString.Invariant($"polygon vertex {k} must be finite, got ({_x[k]}, {_y[k]})"), nameof(vertices));
            }
        }
        Bounds = new BoundingBox(_x.Min(), _x.Max(), _y.Min(), _y.Max());
        double scale = Math.Max(Bounds.Diameter, double.Epsilon);
        for (int k = 0; k < n; k++)
        {
            int k1 = (k + 1) % n;
            if (Math.Abs(_x[k1] - _x[k]) + Math.Abs(_y[k1] - _y[k]) <= 1e-14 * scale)
            {
                throw new ArgumentException(FormattableString.Invariant($"polygon vertices {k} and {k1} coincide at ({_x[k]}, {_y[k]})"), nameof(vertices));
            }
        }
        double twiceArea = 0;
        for (int k = 0; k < n; k++)
        {
            int k1 = (k + 1) % n;
            twiceArea += _x[k] * _y[k1] - _x[k1] * _y[k];
        }
        Area = Math.Abs(twiceArea) / 2;
        if (!(Area > 1e-12 * scale * scale))
        {
            throw new ArgumentException(FormattableString.Invariant($"polygon has zero area (vertices are collinear or cancel): area {Area:G3}"), nameof(vertices));
        }
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                bool adjacent = j == i + 1 || (i == 0 && j == n - 1);
                if (EdgesMeet(i, j, adjacent))
                {
                    throw new ArgumentException($"polygon is not simple: edges {i}-{(i + 1) % n} and {j}-{(j + 1) % n} intersect", nameof(vertices));
                }
            }
        }
    }

    public int VertexCount => _x.Length;

    /// <summary>The enclosed area (shoelace formula).</summary>
    public double Area { get; }

    public string Name => $"polygon({VertexCount} vertices)";

    public BoundingBox Bounds { get; }

    public bool Contains(double x, double y) => SignedDistance(x, y) < 0;

    public double SignedDistance(double x, double y)
    {
        double best = double.PositiveInfinity;
        bool inside = false;
        int n = _x.Length;
        for (int k = 0, prev = n - 1; k < n; prev = k++)
        {
            double d2 = SegmentDistanceSquared(x, y, _x[prev], _y[prev], _x[k], _y[k], out _, out _);
            best = Math.Min(best, d2);
            // Crossing number: edges that straddle the horizontal line through the point, crossed to its right.
            if ((_y[k] > y) != (_y[prev] > y))
            {
                double xCross = _x[k] + (y - _y[k]) * (_x[prev] - _x[k]) / (_y[prev] - _y[k]);
                if (x < xCross)
                {
                    inside = !inside;
                }
            }
        }
        double d = Math.Sqrt(best);
        return d == 0 ? 0 : inside ? -d : d;
    }

    public (double X, double Y) NearestBoundaryPoint(double x, double y)
    {
        double best = double.PositiveInfinity, bx = _x[0], by = _y[0];
        int n = _x.Length;
        for (int k = 0, prev = n - 1; k < n; prev = k++)
        {
            double d2 = SegmentDistanceSquared(x, y, _x[prev], _y[prev], _x[k], _y[k], out double qx, out double qy);
            if (d2 < best)
            {
                best = d2;
                bx = qx;
                by = qy;
            }
        }
        return (bx, by);
    }

    public double BoundaryCrossing(double ax, double ay, double bx, double by)
    {
        double t = 1;
        double dx = bx - ax, dy = by - ay;
        int n = _x.Length;
        for (int k = 0, prev = n - 1; k < n; prev = k++)
        {
            double ex = _x[k] - _x[prev], ey = _y[k] - _y[prev];
            double denom = dx * ey - dy * ex;
            if (denom == 0)
            {
                continue; // parallel: an interior start point cannot run along an edge
            }
            double wx = _x[prev] - ax, wy = _y[prev] - ay;
            double s = (wx * ey - wy * ex) / denom; // along a -> b
            double u = (wx * dy - wy * dx) / denom; // along the edge
            if (s > 0 && s < t && u >= 0 && u <= 1)
            {
                t = s;
            }
        }
        return t;
    }

    private bool EdgesMeet(int i, int j, bool adjacent)
    {
        int n = _x.Length;
        int i1 = (i + 1) % n, j1 = (j + 1) % n;
        double o1 = Orient(_x[i], _y[i], _x[i1], _y[i1], _x[j], _y[j]);
        double o2 = Orient(_x[i], _y[i], _x[i1], _y[i1], _x[j1], _y[j1]);
        double o3 = Orient(_x[j], _y[j], _x[j1], _y[j1], _x[i], _y[i]);
        double o4 = Orient(_x[j], _y[j], _x[j1], _y[j1], _x[i1], _y[i1]);
        if (adjacent)
        {
            // Adjacent edges share a vertex; they only overlap when collinear and folding back on each other.
            int shared = j == i + 1 ? i1 : i; // the common vertex
            int pi = shared == i1 ? i : i1, pj = shared == i1 ? j1 : j;
            double cross = Orient(_x[shared], _y[shared], _x[pi], _y[pi], _x[pj], _y[pj]);
            double dot = (_x[pi] - _x[shared]) * (_x[pj] - _x[shared]) + (_y[pi] - _y[shared]) * (_y[pj] - _y[shared]);
            return cross == 0 && dot > 0;
        }
        if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0)))
        {
            return true;
        }
        // Touching: a vertex of one edge on the other.
        return (o1 == 0 && OnSegment(i, i1, j)) || (o2 == 0 && OnSegment(i, i1, j1))
            || (o3 == 0 && OnSegment(j, j1, i)) || (o4 == 0 && OnSegment(j, j1, i1));
    }

    private bool OnSegment(int a, int b, int p)
        => Math.Min(_x[a], _x[b]) <= _x[p] && _x[p] <= Math.Max(_x[a], _x[b])
        && Math.Min(_y[a], _y[b]) <= _y[p] && _y[p] <= Math.Max(_y[a], _y[b]);

    private static double Orient(double ax, double ay, double bx, double by, double cx, double cy)
        => (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);

    /// <summary>Squared distance from p to the segment [a, b] and the closest point q.</summary>
    internal static double SegmentDistanceSquared(double px, double py, double ax, double ay, double bx, double by, out double qx, out double qy)
    {
        double ex = bx - ax, ey = by - ay;
        double t = ((px - ax) * ex + (py - ay) * ey) / (ex * ex + ey * ey);
        t = Math.Clamp(t, 0, 1);
        qx = ax + t * ex;
        qy = ay + t * ey;
        double dx = px - qx, dy = py - qy;
        return dx * dx + dy * dy;
    }
}
