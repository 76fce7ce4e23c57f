using NeuralPDE.Core.Specs;
using NeuralPDE.Data.Generation;

namespace NeuralPDE.Data.Generation.Recipes;

/// <summary>The generator of a recipe, chosen by the recipe's <c>family</c> (the problem family it draws on).</summary>
public static class RecipeGenerators
{
    public static readonly string[] Families = ["burgers", "navier-stokes", "darcy", "poisson", "porous-medium"];

    /// <summary>The problem spec of a recipe: <c>problems/&lt;problem&gt;.json</c> with the recipe's <c>spec</c> overrides.</summary>
    public static ProblemSpec Spec(DatasetRecipe recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ProblemSpec spec = ProblemCatalog.Problems().Load(recipe.Problem, recipe.SpecOverrides());
        if (spec.Family != recipe.Family)
        {
            throw new SpecException(recipe.Name, "family", $"the recipe says {recipe.Family} but problem {spec.Name} is {spec.Family}");
        }
        return spec;
    }

    public static ISampleGenerator Create(DatasetRecipe recipe, ProblemSpec spec, GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(options);
        string solver = options.Solver ?? recipe.Solver;
        return recipe.Family switch
        {
            "burgers" or "navier-stokes" => NoLinearSolver(recipe, options, new SpectralRecipeGenerator(spec, options)),
            "darcy" => new DarcyRecipeGenerator(spec, LinearSequenceSolvers.FromRecipe(recipe.Json, solver, symmetric: true, DarcyRecipeGenerator.Unknowns(spec))),
            "poisson" when spec.Variant == "star" => new StarPoissonRecipeGenerator(recipe.Json, spec, LinearSequenceSolvers.FromRecipe(recipe.Json, solver, symmetric: false, StarPoissonRecipeGenerator.Unknowns(spec))),
            "poisson" when spec.Variant == "manufactured-square" => new PoissonSquareRecipeGenerator(recipe.Json, spec, LinearSequenceSolvers.FromRecipe(recipe.Json, solver, symmetric: true, PoissonSquareRecipeGenerator.Unknowns(spec))),
            "poisson" => throw new SpecException(recipe.Name, "problem", $"poisson recipes draw on poisson-2d (the unit square) or poisson-star, got {spec.Name} ({spec.Variant})"),
            "porous-medium" => NoLinearSolver(recipe, options, new PorousMediumRecipeGenerator(recipe.Json, spec)),
            _ => throw new SpecException(recipe.Name, "family", $"expected one of {string.Join(", ", Families)}, got \"{recipe.Family}\""),
        };
    }

    private static ISampleGenerator NoLinearSolver(DatasetRecipe recipe, GeneratorOptions options, ISampleGenerator generator)
        => options.Solver is null ? generator
            : throw new SpecException(recipe.Name, "--solver", $"only linear-system recipes (darcy-2d, poisson-2d, poisson-star) take --solver; {recipe.Name} has no linear systems");
}
