using NeuralPDE.Numerics.Solvers;

namespace NeuralPDE.Tests.Elliptic;

/// <summary>Every elliptic spec resolves to its solver through the registry and solves at its default resolution.</summary>
public class EllipticRegistryTests
{
    [Theory]
    [InlineData("poisson-2d", "fd5", 65, false)]
    [InlineData("poisson-lshape", "fd5", 129, true)]
    [InlineData("poisson-star", "shortley-weller", 129, true)]
    [InlineData("darcy-2d", "fd5-harmonic", 85, false)]
    public void SpecSolvesAtDefaultResolution(string name, string solverName, int resolution, bool masked)
    {
        var spec = EllipticTestSupport.Spec(name);
        var solver = ReferenceSolvers.For(spec);
        Assert.Equal(solverName, solver.Name);
        var s = solver.Solve(spec, SolveOptions.Default);
        Assert.Equal([resolution, resolution], s.Shape);
        Assert.Equal(masked, s.Mask is not null);
        Assert.All(s.Primary.Values, v => Assert.True(double.IsFinite(v)));
        Assert.True(s.Statistics["residual"] < 1e-9);
        Assert.Equal(name == "darcy-2d", s.Coefficient is not null);
        Assert.Equal(name == "poisson-2d", s.RelativeL2() is not null);
    }
}
