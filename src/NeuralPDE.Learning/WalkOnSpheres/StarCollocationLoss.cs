using NeuralPDE.Core.Geometry;
using NeuralPDE.Learning.Fno;
using NeuralPDE.Numerics.WalkOnSpheres;
using static TorchSharp.torch;

namespace NeuralPDE.Learning.WalkOnSpheres;

/// <summary>
/// The physics-informed loss WoS-NO compares against, for a grid operator on <c>poisson-star</c> samples: the strong
/// residual −Δu − f at random points inside each sample's star, with Δu by autograd (second derivatives with respect
/// to the point coordinates), plus u − g at random points on its boundary. The operator is made a function of
/// continuous coordinates by interpolating its last hidden layer trigonometrically between the grid nodes
/// (<see cref="TrigonometricInterpolation"/>) and applying its pointwise projection head there
/// (<see cref="FnoNetwork.Decode"/>): at the nodes that is the operator itself, bit for bit up to rounding. Per
/// sample the loss is ‖Δu + f‖/‖f‖ + w ‖u − g‖/‖g‖ over its points (norms over the drawn points), the relative form of
/// the discrete residual loss. Fresh points every step, drawn from counter-based generators (seed, step, sample), so a
/// run is reproducible and independent of batch composition.
/// </summary>
public sealed class StarCollocationLoss
{
    private readonly StarPoissonOperatorData _data;
    private readonly StarDomain[] _domains;

    public StarCollocationLoss(StarPoissonOperatorData data, int interiorPoints, int boundaryPoints, double boundaryWeight, long seed)
    {
        _data = data ?? throw new ArgumentNullException(nameof(data));
        if (interiorPoints < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(interiorPoints), $"wos.training.collocation: expected an integer >= 1, got {interiorPoints}");
        }
        if (boundaryPoints < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(boundaryPoints), $"wos.training.boundaryPoints: expected an integer >= 1, got {boundaryPoints}");
        }
        if (!(boundaryWeight >= 0) || double.IsInfinity(boundaryWeight))
        {
            throw new ArgumentOutOfRangeException(nameof(boundaryWeight), $"wos.training.boundaryWeight: expected a finite number >= 0, got {boundaryWeight}");
        }
        InteriorPoints = interiorPoints;
        BoundaryPoints = boundaryPoints;
        BoundaryWeight = boundaryWeight;
        Seed = seed;
        _domains = data.Problems.Select(p => p.Domain()).ToArray();
    }

    public int InteriorPoints { get; }

    public int BoundaryPoints { get; }

    public double BoundaryWeight { get; }

    public long Seed { get; }

    /// <summary>The points of one step for sample <paramref name="sample"/> (an index into the data): interior points
    /// uniform in the star (rejection from its bounding box), then boundary points at uniform polar angles, with f at
    /// the interior points and g at the boundary ones.</summary>
    public (double[] X, double[] Y, double[] Source, double[] Boundary) Draw(int sample, long step)
    {
        StarDomain domain = _domains[sample];
        var problem = _data.Problems[sample];
        var rng = WalkSeeds.Generator(Seed, step, _data.Indices[sample]);
        int n = InteriorPoints + BoundaryPoints;
        var x = new double[n];
        var y = new double[n];
        var f = new double[InteriorPoints];
        var g = new double[BoundaryPoints];
        BoundingBox box = domain.Bounds;
        for (int p = 0; p < InteriorPoints;)
        {
            double px = box.XMin + (box.XMax - box.XMin) * rng.NextDouble();
            double py = box.YMin + (box.YMax - box.YMin) * rng.NextDouble();
            if (domain.Contains(px, py))
            {
                x[p] = px;
                y[p] = py;
                f[p] = problem.Source(px, py);
                p++;
            }
        }
        for (int q = 0; q < BoundaryPoints; q++)
        {
            double theta = 2 * Math.PI * rng.NextDouble();
            double r = domain.Radius(theta);
            double px = domain.CenterX + r * Math.Cos(theta), py = domain.CenterY + r * Math.Sin(theta);
            x[InteriorPoints + q] = px;
            y[InteriorPoints + q] = py;
            g[q] = problem.Boundary(px, py);
        }
        return (x, y, f, g);
    }

    /// <summary>Per-sample losses [B] of the network whose hidden features on the grid are <paramref name="hidden"/>
    /// [B, width, X, Y], for samples <paramref name="batch"/> at optimiser step <paramref name="step"/>.</summary>
    public Tensor Relative(FnoNetwork network, Tensor hidden, int[] batch, long step)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(hidden);
        ArgumentNullException.ThrowIfNull(batch);
        int b = batch.Length, n = InteriorPoints + BoundaryPoints;
        var points = new float[b * n * 2];
        var source = new float[b * InteriorPoints];
        var boundary = new float[b * BoundaryPoints];
        for (int k = 0; k < b; k++)
        {
            var (x, y, sourceValues, boundaryValues) = Draw(batch[k], step);
            for (int p = 0; p < n; p++)
            {
                points[2 * (k * n + p)] = (float)x[p];
                points[2 * (k * n + p) + 1] = (float)y[p];
            }
            for (int p = 0; p < sourceValues.Length; p++)
            {
                source[k * InteriorPoints + p] = (float)sourceValues[p];
            }
            for (int q = 0; q < boundaryValues.Length; q++)
            {
                boundary[k * BoundaryPoints + q] = (float)boundaryValues[q];
            }
        }
        Device device = hidden.device;
        var (u, laplacian) = Evaluate(network, hidden, tensor(points, [b, n, 2]).to(device), InteriorPoints);
        Tensor f = tensor(source, [b, InteriorPoints]).to(device);
        Tensor g = tensor(boundary, [b, BoundaryPoints]).to(device);
        // ‖−Δu − f‖/‖f‖ + w ‖u − g‖/‖g‖
        return RelativeNorm(laplacian + f, f) + BoundaryWeight * RelativeNorm(u.narrow(1, InteriorPoints, BoundaryPoints) - g, g);
    }

    /// <summary>‖difference‖/‖reference‖ per row of [B, N] tensors (the reference's norm floored at 1e-12).</summary>
    private static Tensor RelativeNorm(Tensor difference, Tensor reference) =>
        difference.square().sum(1).sqrt() / reference.square().sum(1).sqrt().clamp_min(1e-12);

    /// <summary>The operator's values u [B, N] at the physical points <paramref name="points"/> [B, N, 2] and its
    /// Laplacian Δu [B, <paramref name="interior"/>] at the first <paramref name="interior"/> of them, by autograd
    /// (graph kept, so both can be trained through): the hidden features [B, width, X, Y] on this loss's grid are
    /// interpolated to the points and decoded there.</summary>
    public (Tensor Value, Tensor Laplacian) Evaluate(FnoNetwork network, Tensor hidden, Tensor points, int interior)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(hidden);
        ArgumentNullException.ThrowIfNull(points);
        NodeGrid2D grid = _data.Grid;
        if (hidden.dim() != 4 || hidden.shape[2] != grid.NX || hidden.shape[3] != grid.NY)
        {
            throw new ArgumentException($"collocation loss: expected hidden features [batch, width, {grid.NX}, {grid.NY}], got [{string.Join(", ", hidden.shape)}]");
        }
        long b = points.shape[0], n = points.shape[1];
        if (interior < 0 || interior > n)
        {
            throw new ArgumentOutOfRangeException(nameof(interior), $"collocation loss: {interior} interior points of {n}");
        }
        using var scope = NewDisposeScope();
        // Node coordinates s = (x − x0)/h are the leaf: ∂²u/∂x² = ∂²u/∂s_x² / h_x².
        Tensor origin = tensor(new[] { grid.XMin, grid.YMin }, dtype: points.dtype, device: points.device);
        Tensor spacing = tensor(new[] { grid.Hx, grid.Hy }, dtype: points.dtype, device: points.device);
        Tensor s = ((points.detach() - origin) / spacing).requires_grad_(true);
        Tensor u = network.Decode(TrigonometricInterpolation.At(hidden, s)).reshape(b, n);
        Tensor inside = u.narrow(1, 0, interior);
        Tensor first = autograd.grad([inside.sum()], [s], retain_graph: true, create_graph: true)[0];
        Tensor sxx = autograd.grad([first.select(2, 0).sum()], [s], retain_graph: true, create_graph: true)[0].select(2, 0);
        Tensor syy = autograd.grad([first.select(2, 1).sum()], [s], retain_graph: true, create_graph: true)[0].select(2, 1);
        Tensor laplacian = (sxx / (grid.Hx * grid.Hx) + syy / (grid.Hy * grid.Hy)).narrow(1, 0, interior);
        return (u.MoveToOuterDisposeScope(), laplacian.MoveToOuterDisposeScope());
    }
}
