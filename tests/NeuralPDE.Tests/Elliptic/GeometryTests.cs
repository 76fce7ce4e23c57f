using NeuralPDE.Core.Geometry;

namespace NeuralPDE.Tests.Elliptic;

/// <summary>Inside tests, signed distances and boundary crossings against closed-form answers.</summary>
public class GeometryTests
{
    [Fact]
    public void BoxDistancesAndCrossingsAreExact()
    {
        var box = BoxDomain.UnitSquare;
        Assert.True(box.Contains(0.5, 0.5));
        Assert.False(box.Contains(0.0, 0.5));
        Assert.Equal(-0.2, box.SignedDistance(0.2, 0.5), 15);
        Assert.Equal(0.0, box.SignedDistance(1.0, 0.3), 15);
        Assert.Equal(Math.Sqrt(0.5 * 0.5 + 0.25 * 0.25), box.SignedDistance(1.5, 1.25), 15);
        Assert.Equal(0.25, box.BoundaryCrossing(0.9, 0.5, 1.3, 0.5), 14);
        Assert.Equal(1.0, box.BoundaryCrossing(0.9, 0.5, 1.0, 0.5), 15);
        Assert.Equal(1.0, box.BoundaryCrossing(0.2, 0.2, 0.4, 0.3), 15);
    }

    [Fact]
    public void LShapeDistancesAndCrossingsAreExact()
    {
        var l = LShapeDomain.Instance;
        Assert.True(l.Contains(-0.5, 0.5));
        Assert.True(l.Contains(0.5, -0.5));
        Assert.True(l.Contains(0.0, -0.5));
        Assert.False(l.Contains(0.5, 0.5));
        Assert.False(l.Contains(0.0, 0.5)); // on the re-entrant edge
        Assert.Equal(-0.1 * Math.Sqrt(2), l.SignedDistance(-0.1, -0.1), 14); // nearest point: the corner
        Assert.Equal(-0.3, l.SignedDistance(-0.3, 0.5), 14);               // nearest: edge x = 0
        Assert.Equal(-0.1, l.SignedDistance(0.5, -0.9), 14);               // nearest: outer edge y = -1
        Assert.Equal(0.2, l.SignedDistance(0.2, 0.6), 14);                 // in the notch
        Assert.Equal(Math.Sqrt(0.5), l.SignedDistance(1.5, 0.5), 14);      // outside, nearest point (1, 0)
        // From (-0.5, 0.5) towards (0.5, 0.5): meets x = 0 half way.
        Assert.Equal(0.5, l.BoundaryCrossing(-0.5, 0.5, 0.5, 0.5), 14);
        // From (0.5, -0.5) towards (0.5, 0.5): meets y = 0 half way.
        Assert.Equal(0.5, l.BoundaryCrossing(0.5, -0.5, 0.5, 0.5), 14);
        // Diagonal from (-0.5, -0.25) to (0.5, 0.75): x >= 0 from t = 0.5, y >= 0 from t = 0.25 -> enters notch at 0.5.
        Assert.Equal(0.5, l.BoundaryCrossing(-0.5, -0.25, 0.5, 0.75), 14);
        // Passing below the notch stays inside.
        Assert.Equal(1.0, l.BoundaryCrossing(-0.5, -0.25, 0.5, -0.25), 15);
    }

    [Fact]
    public void DiskCrossingLiesOnTheCircle()
    {
        var disk = new DiskDomain(0.1, -0.2, 0.7);
        Assert.Equal(-0.7, disk.SignedDistance(0.1, -0.2), 15);
        Assert.Equal(0.3, disk.SignedDistance(1.1, -0.2), 14);
        double t = disk.BoundaryCrossing(0.2, 0.1, 1.0, 0.3);
        double x = 0.2 + t * 0.8, y = 0.1 + t * 0.2;
        Assert.Equal(0.0, disk.SignedDistance(x, y), 14);
        Assert.InRange(t, 0.0, 1.0);
    }

    [Fact]
    public void StarWithoutPerturbationIsADisk()
    {
        var star = new StarDomain(0.8, 0, 0);
        var disk = new DiskDomain(0, 0, 0.8);
        foreach ((double x, double y) in new[] { (0.1, 0.2), (0.5, -0.5), (1.2, 0.3), (-0.79, 0.0), (0.0, 0.0) })
        {
            Assert.Equal(disk.SignedDistance(x, y), star.SignedDistance(x, y), 12);
            Assert.Equal(disk.BoundaryCrossing(0.1, 0.1, x + 0.9, y - 0.4), star.BoundaryCrossing(0.1, 0.1, x + 0.9, y - 0.4), 12);
        }
    }

    [Fact]
    public void StarCrossingAndDistanceMatchTheCurve()
    {
        var star = new StarDomain(1.0, 0.2, 0.1);
        Assert.Equal(0.85, star.MinRadius, 10); // r = 0.9 + 0.2c + 0.2c², c = cos 4θ, minimum at c = −1/2
        // Crossings along grid lines land on the curve.
        for (int k = 0; k < 40; k++)
        {
            double th = 0.157 * k;
            double r = star.Radius(th);
            double ax = 0.9 * r * Math.Cos(th), ay = 0.9 * r * Math.Sin(th);
            double bx = ax + 1.5 * Math.Sign(Math.Cos(th)), by = ay;
            double t = star.BoundaryCrossing(ax, ay, bx, by);
            double px = ax + t * (bx - ax), py = ay + t * (by - ay);
            double rho = Math.Sqrt(px * px + py * py);
            Assert.Equal(star.Radius(Math.Atan2(py, px)), rho, 12);
        }
        // Signed distance against brute force over a very fine sampling of the curve.
        const int m = 400_000;
        foreach ((double x, double y) in new[] { (0.3, 0.2), (0.7, 0.65), (0.0, 1.25), (1.4, -0.1), (-0.6, -0.6), (0.0, 0.0) })
        {
            double best = double.PositiveInfinity;
            for (int k = 0; k < m; k++)
            {
                double th = 2 * Math.PI * k / m, r = star.Radius(th);
                best = Math.Min(best, Math.Sqrt(Math.Pow(x - r * Math.Cos(th), 2) + Math.Pow(y - r * Math.Sin(th), 2)));
            }
            double sd = star.SignedDistance(x, y);
            Assert.Equal(star.Contains(x, y), sd < 0);
            Assert.Equal(best, Math.Abs(sd), 7); // brute force resolves to ~1e-9
            Assert.True(Math.Abs(sd) <= best + 1e-12);
        }
    }

    [Fact]
    public void DegenerateStarIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new StarDomain(1.0, 1.2, 0.0));
        Assert.Contains("positive", e.Message, StringComparison.Ordinal);
    }
}
