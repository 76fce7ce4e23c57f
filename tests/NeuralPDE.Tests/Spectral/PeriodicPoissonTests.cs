using NeuralPDE.Core.Families.Poisson;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Solvers;
using NeuralPDE.Numerics.Spectral;
using static TorchSharp.torch;

namespace NeuralPDE.Tests.Spectral;

/// <summary>Periodic Poisson by FFT against closed-form solutions.</summary>
public class PeriodicPoissonTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(1)]
    public void ManufacturedSolutionIsReproducedToRoundOff(int dimension)
    {
        var spec = SpectralTestSupport.Load("poisson-periodic", $"parameters.dimension={dimension}");
        var solution = ReferenceSolvers.For(spec).Solve(spec, SolveOptions.Default);
        Assert.Equal(dimension, solution.Axes.Count);
        double error = solution.MaxAbsError()!.Value;
        Assert.True(error <= 1e-12, $"max error {error:E2}");
        Assert.True(solution.RelativeL2()!.Value <= 1e-12);
        // The manufactured mean I0(1)^d is right: the exact solution has zero mean on the grid.
        Assert.True(Math.Abs(solution.Exact["u"].Values.Average()) < 1e-13);
    }

    [Fact]
    public void BesselI0MatchesKnownValues()
    {
        Assert.Equal(1.2660658777520082, PeriodicPoissonManufactured.BesselI0(1), 15);
        Assert.Equal(27.239871823604442, PeriodicPoissonManufactured.BesselI0(5), 12);
    }

    [Fact]
    public void BatchedSolveHandlesMeansAndPeriods()
    {
        using var scope = NewDisposeScope();
        int n = 32;
        double length = 2.5, w = 2 * Math.PI / length;
        // u = sin(w x) cos(2 w y) on [0, L)^2: -Laplacian u = 5 w^2 u. Second sample: f + 3 (the mean is projected out).
        Tensor exact = SpectralTestSupport.Grid2D(n, (x, y) => Math.Sin(w * x * length) * Math.Cos(2 * w * y * length));
        Tensor f = 5 * w * w * exact;
        Tensor u = PeriodicPoisson.Solve(stack([f, f + 3]), 2, length);
        Assert.True(SpectralTestSupport.MaxAbs(u[0] - exact) < 1e-14);
        Assert.True(SpectralTestSupport.MaxAbs(u[1] - exact) < 1e-14);
        // 1-D along the last axis of a batch.
        Tensor e1 = SpectralTestSupport.Grid1D(n, x => Math.Cos(3 * 2 * Math.PI * x));
        Tensor u1 = PeriodicPoisson.Solve((36 * Math.PI * Math.PI * e1).unsqueeze(0), 1);
        Assert.True(SpectralTestSupport.MaxAbs(u1[0] - e1) < 1e-14);
    }

    [Fact]
    public void BadDimensionIsASpecException()
    {
        var spec = SpectralTestSupport.Load("poisson-periodic", "parameters.dimension=3");
        var e = Assert.Throws<SpecException>(() => ReferenceSolvers.For(spec).Solve(spec, SolveOptions.Default));
        Assert.Equal("parameters.dimension", e.Field);
    }
}
