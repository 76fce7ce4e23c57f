namespace NeuralPDE.Data.Generation.Recipes;

/// <summary>Run options that do not change the data: the torch device of spectral recipes and the linear solver
/// (<c>recycled</c>, <c>gmres</c>, <c>cg</c>, <c>direct</c>) of linear-system recipes (null: the recipe's <c>solver</c>).</summary>
public sealed record GeneratorOptions(string Device = "cpu", string? Solver = null);
