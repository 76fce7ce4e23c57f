namespace NeuralPDE.Core.Geometry;

/// <summary>The open box (x0, x1) × (y0, y1) × (z0, z1) in R³ (exact distance and closest point).</summary>
public sealed class BoxDomain3D : IDomain3D
{
    private readonly double[] _min;
    private readonly double[] _max;

    public BoxDomain3D(double xMin, double xMax, double yMin, double yMax, double zMin, double zMax)
    {
        if (!(xMax > xMin) || !(yMax > yMin) || !(zMax > zMin))
        {
            throw new ArgumentException(FormattableString.Invariant($"box needs min < max in every direction, got [{xMin}, {xMax}] x [{yMin}, {yMax}] x [{zMin}, {zMax}]"));
        }
        _min = [xMin, yMin, zMin];
        _max = [xMax, yMax, zMax];
    }

    /// <summary>The unit cube (0, 1)³.</summary>
    public static BoxDomain3D UnitCube { get; } = new(0, 1, 0, 1, 0, 1);

    public string Name => FormattableString.Invariant($"box([{_min[0]}, {_max[0]}] x [{_min[1]}, {_max[1]}] x [{_min[2]}, {_max[2]}])");

    public bool Contains(double x, double y, double z)
        => x > _min[0] && x < _max[0] && y > _min[1] && y < _max[1] && z > _min[2] && z < _max[2];

    public double SignedDistance(double x, double y, double z)
    {
        double dx = Math.Max(_min[0] - x, x - _max[0]);
        double dy = Math.Max(_min[1] - y, y - _max[1]);
        double dz = Math.Max(_min[2] - z, z - _max[2]);
        if (dx <= 0 && dy <= 0 && dz <= 0)
        {
            return Math.Max(dx, Math.Max(dy, dz));
        }
        double ox = Math.Max(dx, 0), oy = Math.Max(dy, 0), oz = Math.Max(dz, 0);
        return Math.Sqrt(ox * ox + oy * oy + oz * oz);
    }

    public (double X, double Y, double Z) NearestBoundaryPoint(double x, double y, double z)
    {
        double[] p = [x, y, z];
        if (!Contains(x, y, z))
        {
            return (Math.Clamp(x, _min[0], _max[0]), Math.Clamp(y, _min[1], _max[1]), Math.Clamp(z, _min[2], _max[2]));
        }
        int axis = 0;
        double best = double.PositiveInfinity, target = 0;
        for (int k = 0; k < 3; k++)
        {
            if (p[k] - _min[k] < best)
            {
                best = p[k] - _min[k];
                axis = k;
                target = _min[k];
            }
            if (_max[k] - p[k] < best)
            {
                best = _max[k] - p[k];
                axis = k;
                target = _max[k];
            }
        }
        p[axis] = target;
        return (p[0], p[1], p[2]);
    }
}
