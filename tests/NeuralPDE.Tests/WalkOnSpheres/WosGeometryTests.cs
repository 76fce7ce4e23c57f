using NeuralPDE.Core.Geometry;
using NeuralPDE.Numerics.Poisson;

namespace NeuralPDE.Tests.WalkOnSpheres;

/// <summary>Polygons, unions/differences and 3-D domains against closed-form answers; degenerate geometry errors.</summary>
public class WosGeometryTests
{
    private static readonly (double X, double Y)[] LOutline = [(-1, -1), (1, -1), (1, 0), (0, 0), (0, 1), (-1, 1)];

    [Fact]
    public void PolygonLShapeMatchesTheExactLShape()
    {
        var polygon = new PolygonDomain(LOutline);
        var exact = LShapeDomain.Instance;
        Assert.Equal(3.0, polygon.Area, 14);
        var rng = new Random(3);
        for (int k = 0; k < 500; k++)
        {
            double x = -1.3 + 2.6 * rng.NextDouble(), y = -1.3 + 2.6 * rng.NextDouble();
            Assert.Equal(exact.Contains(x, y), polygon.Contains(x, y));
            Assert.Equal(exact.SignedDistance(x, y), polygon.SignedDistance(x, y), 13);
            if (exact.Contains(x, y))
            {
                var p = polygon.NearestBoundaryPoint(x, y);
                var q = exact.NearestBoundaryPoint(x, y);
                Assert.Equal(Math.Sqrt((x - q.X) * (x - q.X) + (y - q.Y) * (y - q.Y)), Math.Sqrt((x - p.X) * (x - p.X) + (y - p.Y) * (y - p.Y)), 13);
                Assert.Equal(-exact.SignedDistance(x, y), Math.Sqrt((x - q.X) * (x - q.X) + (y - q.Y) * (y - q.Y)), 13);
                double bx = x + 3 * (rng.NextDouble() - 0.5), by = y + 3 * (rng.NextDouble() - 0.5);
                Assert.Equal(exact.BoundaryCrossing(x, y, bx, by), polygon.BoundaryCrossing(x, y, bx, by), 12);
            }
        }
    }

    [Fact]
    public void UnionOfTwoRectanglesIsTheLShape()
    {
        var union = new UnionDomain(new BoxDomain(-1, 1, -1, 0.1), new BoxDomain(-1, 0, -1, 1));
        // The union of the open boxes (overlapping in y ∈ (-1, 0.1)) is the L with the notch starting at y = 0.1.
        var outline = new PolygonDomain([(-1, -1), (1, -1), (1, 0.1), (0, 0.1), (0, 1), (-1, 1)]);
        var rng = new Random(5);
        for (int k = 0; k < 500; k++)
        {
            double x = -1.2 + 2.4 * rng.NextDouble(), y = -1.2 + 2.4 * rng.NextDouble();
            Assert.Equal(outline.Contains(x, y), union.Contains(x, y));
            double exact = outline.SignedDistance(x, y), bound = union.SignedDistance(x, y);
            if (exact < 0)
            {
                // Inside: a lower bound on the distance (|bound| <= |exact|), and the ball really lies in Ω.
                Assert.True(-bound <= -exact + 1e-14, $"bound {bound} vs exact {exact} at ({x}, {y})");
                Assert.Equal(-bound, union.InteriorRadius(x, y), 15);
                double bx = x + 2 * (rng.NextDouble() - 0.5), by = y + 2 * (rng.NextDouble() - 0.5);
                Assert.Equal(outline.BoundaryCrossing(x, y, bx, by), union.BoundaryCrossing(x, y, bx, by), 10);
                var q = union.NearestBoundaryPoint(x, y);
                Assert.Equal(0.0, outline.SignedDistance(q.X, q.Y), 12);
            }
            else
            {
                Assert.Equal(exact, bound, 13); // exact outside
            }
        }
        // Exact near the boundary away from the re-entrant corner.
        Assert.Equal(-0.01, union.SignedDistance(-0.5, -0.99), 14);
        Assert.Equal(-0.02, union.SignedDistance(0.5, 0.08), 14);
    }

    [Fact]
    public void SquareWithAHoleHasExactCrossingsAndBoundaryPoints()
    {
        var domain = new DifferenceDomain(new BoxDomain(-1, 1, -1, 1), new DiskDomain(0, 0, 0.5));
        Assert.False(domain.Contains(0, 0));
        Assert.False(domain.Contains(0.5, 0));
        Assert.True(domain.Contains(0.75, 0));
        Assert.Equal(-0.25, domain.SignedDistance(0.75, 0), 15);
        Assert.Equal(-0.2, domain.SignedDistance(0.8, 0), 15);
        // From (0.9, 0) towards the centre: meets the circle at x = 0.5, t = 0.4/0.9.
        Assert.Equal(0.4 / 0.9, domain.BoundaryCrossing(0.9, 0, 0, 0), 12);
        var q = domain.NearestBoundaryPoint(0.6, 0.6);
        Assert.Equal(0.5, Math.Sqrt(q.X * q.X + q.Y * q.Y), 14);
        var e = Assert.Throws<ArgumentException>(() => new DifferenceDomain(new DiskDomain(0, 0, 1), new BoxDomain(-2, 2, -2, 2)));
        Assert.Contains("is empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StarInteriorRadiusIsALowerBoundThatIsExactNearTheBoundary()
    {
        var star = new StarDomain(1.0, 0.2, 0.1);
        var rng = new Random(7);
        double worstNear = 1;
        for (int k = 0; k < 400; k++)
        {
            double theta = 2 * Math.PI * rng.NextDouble();
            double fraction = rng.NextDouble();
            double rho = fraction * star.Radius(theta);
            double x = rho * Math.Cos(theta), y = rho * Math.Sin(theta);
            double exact = -star.SignedDistance(x, y), bound = ((IDomain2D)star).InteriorRadius(x, y);
            Assert.True(bound > 0 && bound <= exact * (1 + 1e-12), $"bound {bound} exact {exact} at θ={theta}, ρ={rho}");
            // Within 1e-4 of the boundary the bound is the distance to first order.
            double xs = (star.Radius(theta) - 1e-5) * Math.Cos(theta), ys = (star.Radius(theta) - 1e-5) * Math.Sin(theta);
            double near = ((IDomain2D)star).InteriorRadius(xs, ys) / -star.SignedDistance(xs, ys);
            worstNear = Math.Min(worstNear, near);
        }
        Assert.InRange(worstNear, 0.995, 1 + 1e-9);
    }

    [Fact]
    public void StarDistanceLowerBoundNeverExceedsTheDistanceInsideOrOutside()
    {
        var star = new StarDomain(0.9, 0.15, 0.08, 0.1, -0.05);
        IDomain2D domain = star;
        var rng = new Random(11);
        int settled = 0;
        for (int k = 0; k < 2000; k++)
        {
            double x = -1.6 + 3.2 * rng.NextDouble(), y = -1.6 + 3.2 * rng.NextDouble();
            double exact = Math.Abs(star.SignedDistance(x, y)), bound = domain.DistanceLowerBound(x, y);
            Assert.True(bound >= 0 && bound <= exact * (1 + 1e-12) + 1e-15, $"bound {bound} exact {exact} at ({x}, {y})");
            settled += bound > 0.25 * exact ? 1 : 0;
        }
        // Not vacuous: the bound is within a factor 4 of the distance almost everywhere.
        Assert.True(settled > 1900, $"{settled} of 2000 points");
        // On the boundary it is 0 (the exact distance decides there).
        double t = 0.7, r = star.Radius(t);
        Assert.Equal(0.0, domain.DistanceLowerBound(0.1 + r * Math.Cos(t), -0.05 + r * Math.Sin(t)), 12);
    }

    [Fact]
    public void TheAssemblerGivesTheSameStarSystemWithTheCheapBound()
    {
        // The exact-distance path (the interface's default) and the star's cheap bound classify every node alike.
        var star = new StarDomain(0.85, 0.18, -0.07);
        var grid = new NodeGrid2D(-1.5, 1.5, 61, -1.5, 1.5, 61);
        double F(double x, double y) => Math.Sin(x) + y * y;
        double G(double x, double y) => x - 0.5 * y;
        PoissonSystem fast = PoissonAssembler.Assemble(star, grid, null, F, G);
        PoissonSystem exact = PoissonAssembler.Assemble(new ExactDistanceOnly(star), grid, null, F, G);
        Assert.Equal(exact.Kinds, fast.Kinds);
        Assert.Equal(exact.RightHandSide, fast.RightHandSide);
        Assert.Equal(exact.Matrix.Values, fast.Matrix.Values);
        Assert.Equal(exact.Matrix.ColumnIndices, fast.Matrix.ColumnIndices);
        Assert.True(fast.CutArms > 0);
    }

    /// <summary>A domain that hides the star's own distance bound, so the assembler takes the exact path.</summary>
    private sealed class ExactDistanceOnly(StarDomain star) : IDomain2D
    {
        public string Name => star.Name;

        public BoundingBox Bounds => star.Bounds;

        public bool Contains(double x, double y) => star.Contains(x, y);

        public double SignedDistance(double x, double y) => star.SignedDistance(x, y);

        public double BoundaryCrossing(double ax, double ay, double bx, double by) => star.BoundaryCrossing(ax, ay, bx, by);

        public (double X, double Y) NearestBoundaryPoint(double x, double y) => star.NearestBoundaryPoint(x, y);
    }

    [Theory]
    [InlineData("collinear")]
    [InlineData("bowtie")]
    [InlineData("two")]
    [InlineData("repeat")]
    [InlineData("touch")]
    public void DegeneratePolygonsAreRejectedWithOneLine(string kind)
    {
        (double, double)[] v = kind switch
        {
            "collinear" => [(0, 0), (1, 1), (2, 2)],
            "bowtie" => [(0, 0), (1, 1), (1, 0), (0, 1)],
            "two" => [(0, 0), (1, 1)],
            "repeat" => [(0, 0), (1, 0), (1, 0), (0, 1)],
            _ => [(0, 0), (2, 0), (2, 2), (1, 0), (0, 2)], // vertex 3 touches edge 0-1
        };
        var e = Assert.Throws<ArgumentException>(() => new PolygonDomain(v));
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("polygon", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonPositiveRadiiAreRejected()
    {
        Assert.Contains("radius", Assert.Throws<ArgumentException>(() => new DiskDomain(0, 0, 0)).Message, StringComparison.Ordinal);
        Assert.Contains("radius", Assert.Throws<ArgumentException>(() => new BallDomain(0, 0, 0, -1)).Message, StringComparison.Ordinal);
        Assert.Contains("positive", Assert.Throws<ArgumentException>(() => new StarDomain(1, 1.2, 0)).Message, StringComparison.Ordinal);
        Assert.Contains("min < max", Assert.Throws<ArgumentException>(() => new BoxDomain3D(0, 1, 0, 1, 1, 1)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThreeDimensionalDistancesAreExact()
    {
        var ball = new BallDomain(0.1, 0.2, 0.3, 0.5);
        Assert.Equal(-0.5, ball.SignedDistance(0.1, 0.2, 0.3), 15);
        Assert.Equal(-0.2, ball.SignedDistance(0.4, 0.2, 0.3), 15);
        var q = ball.NearestBoundaryPoint(0.1, 0.2, 0.5);
        Assert.Equal((0.1, 0.2, 0.8), (q.X, q.Y, Math.Round(q.Z, 14)));
        var cube = BoxDomain3D.UnitCube;
        Assert.Equal(-0.1, cube.SignedDistance(0.5, 0.9, 0.4), 15);
        Assert.Equal(Math.Sqrt(0.03), cube.SignedDistance(1.1, 1.1, 1.1), 14);
        Assert.Equal((0.5, 1.0, 0.4), cube.NearestBoundaryPoint(0.5, 0.9, 0.4));
        Assert.False(cube.Contains(1, 0.5, 0.5));
    }
}
