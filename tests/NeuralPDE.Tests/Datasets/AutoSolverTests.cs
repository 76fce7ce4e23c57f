using NeuralPDE.Data.Generation;
using NeuralPDE.Data.Generation.Recipes;
using NeuralPDE.Tests.Support;

namespace NeuralPDE.Tests.Datasets;

/// <summary><c>--solver auto</c>, the default of darcy-2d and poisson-star: GMRES below 8,000 unknowns per system, sorted
/// Krylov recycling from there on (where it was measured to pay), and never for the star.</summary>
public class AutoSolverTests
{
    [Theory]
    [InlineData("darcy-2d", 3_844)]      // 64 x 64 nodes, 62² interior unknowns
    [InlineData("poisson-star", 4_225)]  // 65 x 65 nodes, all of them unknowns (full-grid embedding)
    public void RecipesDefaultToAutoWhichPicksGmresAtTheirSize(string name, int unknowns)
    {
        DatasetRecipe recipe = DatasetRecipes.Load(name, []);
        Assert.Equal("auto", recipe.Solver);
        var spec = RecipeGenerators.Spec(recipe);
        Assert.Equal(unknowns, name == "darcy-2d" ? DarcyRecipeGenerator.Unknowns(spec) : StarPoissonRecipeGenerator.Unknowns(spec));
        var solvers = LinearSequenceSolvers.FromRecipe(recipe.Json, "auto", symmetric: name == "darcy-2d", unknowns);
        Assert.True(solvers.Automatic);
        Assert.Equal("gmres", solvers.Choice);
        Assert.StartsWith("auto (below 8000 unknowns) -> gmres(m=40, ilu0", solvers.Name);
    }

    [Theory]
    [InlineData(7_999, "gmres")]
    [InlineData(8_000, "recycled")]
    [InlineData(25_600, "recycled")]
    public void AutoSwitchesToRecyclingAtTheThreshold(int unknowns, string expected)
    {
        DatasetRecipe recipe = DatasetRecipes.Load("darcy-2d", []);
        var solvers = LinearSequenceSolvers.FromRecipe(recipe.Json, "auto", symmetric: true, unknowns);
        Assert.Equal(expected, solvers.Choice);
        Assert.Contains(expected == "recycled" ? "-> recycled: gcro-dr(m=40, k=10" : "-> gmres(m=40", solvers.Name);
        // An explicit choice is taken as given, whatever the size.
        var explicitChoice = LinearSequenceSolvers.FromRecipe(recipe.Json, "recycled", symmetric: true, 100);
        Assert.False(explicitChoice.Automatic);
        Assert.Equal("recycled", explicitChoice.Choice);
        Assert.StartsWith("recycled: ", explicitChoice.Name);
    }

    [Fact]
    public void AutoNeverRecyclesForTheStarWhoseDomainsDifferFromSampleToSample()
    {
        // 129² unknowns: Darcy recycles at this size, the star does not (recycling measured at 0.90x there).
        DatasetRecipe star = DatasetRecipes.Load("poisson-star", ["spec.reference.resolution=129"]);
        ISampleGenerator starGenerator = RecipeGenerators.Create(star, RecipeGenerators.Spec(star), new GeneratorOptions());
        Assert.Contains("auto (never recycles for these systems) -> gmres(m=40", starGenerator.Solver);
        DatasetRecipe darcy = DatasetRecipes.Load("darcy-2d", ["spec.reference.resolution=131"]);
        ISampleGenerator darcyGenerator = RecipeGenerators.Create(darcy, RecipeGenerators.Spec(darcy), new GeneratorOptions());
        Assert.Contains("auto (at least 8000 unknowns) -> recycled", darcyGenerator.Solver);
        // --solver recycled still recycles the star.
        ISampleGenerator explicitStar = RecipeGenerators.Create(star, RecipeGenerators.Spec(star), new GeneratorOptions(Solver: "recycled"));
        Assert.Contains("recycled: gcro-dr", explicitStar.Solver);
    }

    [Fact]
    public void AutoGeneratesTheSameDatasetAsGmresAtTheDefaultSize()
    {
        using var folder = new TempFolder("npde-ds");
        string dir = folder.Path;
        DatasetTestSupport.Generate("darcy-2d", Path.Combine(dir, "auto.h5"), 3);
        DatasetTestSupport.Generate("darcy-2d", Path.Combine(dir, "gmres.h5"), 3, solver: "gmres");
        DatasetTestSupport.AssertSame(DatasetTestSupport.Contents(Path.Combine(dir, "auto.h5")), DatasetTestSupport.Contents(Path.Combine(dir, "gmres.h5")));
    }
}
