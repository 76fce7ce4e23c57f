using NeuralPDE.Data.Generation;
using NeuralPDE.Data.Generation.Recipes;
using NeuralPDE.Tests.Support;

namespace NeuralPDE.Tests.Datasets;

/// <summary><c>--solver auto</c>, the default of darcy-2d and poisson-star: CG + ILU(0) for symmetric systems, GMRES +
/// ILU(0) otherwise (the fastest measured on these recipes' sequences); recycling and direct stay explicit choices.</summary>
public class AutoSolverTests
{
    [Theory]
    [InlineData("darcy-2d", 3_844, "cg")]        // 64 x 64 nodes, 62² interior unknowns, symmetric
    [InlineData("poisson-star", 4_225, "gmres")] // 65 x 65 nodes, all of them unknowns (full-grid embedding), Shortley-Weller: not symmetric
    public void RecipesDefaultToAutoWhichPicksByTheSymmetryOfTheirSystems(string name, int unknowns, string expected)
    {
        DatasetRecipe recipe = DatasetRecipes.Load(name, []);
        Assert.Equal("auto", recipe.Solver);
        var spec = RecipeGenerators.Spec(recipe);
        Assert.Equal(unknowns, name == "darcy-2d" ? DarcyRecipeGenerator.Unknowns(spec) : StarPoissonRecipeGenerator.Unknowns(spec));
        ISampleGenerator generator = RecipeGenerators.Create(recipe, spec, new GeneratorOptions());
        string prefix = expected == "cg" ? "auto (symmetric systems) -> cg(ilu0" : "auto (nonsymmetric systems) -> gmres(m=40, ilu0";
        Assert.Contains(prefix, generator.Solver);
        // The same at a size where recycling cuts iterations most (129² nodes): auto does not switch.
        DatasetRecipe large = DatasetRecipes.Load(name, ["spec.reference.resolution=129"]);
        Assert.Contains(prefix, RecipeGenerators.Create(large, RecipeGenerators.Spec(large), new GeneratorOptions()).Solver);
    }

    [Theory]
    [InlineData("recycled", "recycled: gcro-dr(m=40, k=10")]
    [InlineData("gmres", "gmres(m=40")]
    [InlineData("direct", "direct: banded LU")]
    public void AnExplicitChoiceIsTakenAsGiven(string choice, string name)
    {
        DatasetRecipe recipe = DatasetRecipes.Load("darcy-2d", []);
        var solvers = LinearSequenceSolvers.FromRecipe(recipe.Json, choice, symmetric: true, 3_844);
        Assert.False(solvers.Automatic);
        Assert.Equal(choice, solvers.Choice);
        Assert.StartsWith(name, solvers.Name);
        // cg needs symmetric systems: refused for the star's.
        var e = Assert.Throws<NeuralPDE.Core.Specs.SpecException>(() => LinearSequenceSolvers.FromRecipe(recipe.Json, "cg", symmetric: false, 100));
        Assert.Contains("cg needs symmetric matrices", e.Message);
    }

    [Fact]
    public void AutoGeneratesTheSameDatasetAsItsChoice()
    {
        using var folder = new TempFolder("npde-ds");
        string dir = folder.Path;
        DatasetTestSupport.Generate("darcy-2d", Path.Combine(dir, "auto.h5"), 3);
        DatasetTestSupport.Generate("darcy-2d", Path.Combine(dir, "cg.h5"), 3, solver: "cg");
        DatasetTestSupport.AssertSame(DatasetTestSupport.Contents(Path.Combine(dir, "auto.h5")), DatasetTestSupport.Contents(Path.Combine(dir, "cg.h5")));
        DatasetTestSupport.Generate("poisson-star", Path.Combine(dir, "star-auto.h5"), 3);
        DatasetTestSupport.Generate("poisson-star", Path.Combine(dir, "star-gmres.h5"), 3, solver: "gmres");
        DatasetTestSupport.AssertSame(DatasetTestSupport.Contents(Path.Combine(dir, "star-auto.h5")), DatasetTestSupport.Contents(Path.Combine(dir, "star-gmres.h5")));
    }
}
