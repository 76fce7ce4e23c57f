using NeuralPDE.Core.Families.PorousMedium;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.PorousMedium;
using NeuralPDE.Numerics.Solvers;
using static NeuralPDE.Tests.PorousMedium.PorousMediumTestSupport;

namespace NeuralPDE.Tests.PorousMedium;

/// <summary>Spec loading, law switching and bad input for the porous-medium specs.</summary>
public class PorousMediumSpecTests
{
    [Fact]
    public void Pme1D_LawSwitchesWithSet()
    {
        Assert.Equal(GpmeLaw.Pme, Gpme1DParameters.FromSpec(Load("pme-1d")).Law);
        Gpme1DParameters stefan = Gpme1DParameters.FromSpec(Load("pme-1d", "law=stefan"));
        Assert.Equal(GpmeLaw.Stefan, stefan.Law);
        Assert.IsType<StefanSolution>(stefan.Exact());
        Assert.IsType<HeatSineSolution>(Gpme1DParameters.FromSpec(Load("pme-1d", "law=heat")).Exact());
        Assert.Equal(3.0, Gpme1DParameters.FromSpec(Load("pme-1d")).M);
    }

    [Theory]
    [InlineData("pme-1d", "m=0", "parameters.m")]
    [InlineData("pme-1d", "m=-2", "parameters.m")]
    [InlineData("pme-1d", "law=porous", "parameters.law")]
    [InlineData("pme-1d", "uStar=1.5", "parameters.uStar")]
    [InlineData("pme-1d", "k=0", "parameters.k")]
    [InlineData("pme-1d", "c=-1", "parameters.c")]
    [InlineData("pme-1d", "xMax=-1", "parameters.xMax")]
    [InlineData("pme-1d", "reference.faceMean=harmonic", "reference.faceMean")]
    [InlineData("pme-1d", "reference.timeScheme=rk4", "reference.timeScheme")]
    [InlineData("pme-1d", "reference.timeStep=0", "reference.timeStep")]
    [InlineData("pme-barenblatt", "m=0", "parameters.m")]
    [InlineData("pme-barenblatt", "dimension=3", "parameters.dimension")]
    [InlineData("pme-barenblatt", "t0=0", "parameters.t0")]
    [InlineData("pme-barenblatt", "tEnd=0.5", "parameters.tEnd")]
    [InlineData("pme-barenblatt", "tEnd=100", "parameters.halfWidth")]
    [InlineData("pme-barenblatt", "C=-1", "parameters.C")]
    public void BadInput_ThrowsSpecExceptionNamingTheField(string problem, string set, string field)
    {
        ProblemSpec spec = Load(problem, set, "reference.resolution=8");
        var ex = Assert.Throws<SpecException>(() => ReferenceSolvers.For(spec).Solve(spec, SolveOptions.Default));
        Assert.Equal(field, ex.Field);
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void StefanWithExactStepAndArithmeticMean_IsRejected()
    {
        ProblemSpec spec = Load("pme-1d", "law=stefan", "reference.faceMean=arithmetic");
        var ex = Assert.Throws<SpecException>(() => new Gpme1DSolver().Solve(spec, SolveOptions.Default));
        Assert.Equal("reference.stefanSmoothing", ex.Field);
    }

    [Fact]
    public void UnknownKey_IsRejectedByOverride()
    {
        var ex = Assert.Throws<SpecException>(() => Load("pme-1d", "exponent=3"));
        Assert.Contains("allowed", ex.Message, StringComparison.Ordinal);
    }
}
