using NeuralPDE.Core.Specs;

namespace NeuralPDE.Numerics.Solvers;

/// <summary>
/// The registry from (family, variant) to reference solver. One place to find which solver serves a
/// problem; <see cref="For"/> fails with a one-line message naming the family and variant.
/// </summary>
public static class ReferenceSolvers
{
    private static readonly Dictionary<(string Family, string Variant), Func<IReferenceSolver>> Registry = new()
    {
        [("poisson", "manufactured-square")] = () => new Poisson.ManufacturedSquareSolver(),
        [("poisson", "lshape")] = () => new Poisson.LShapeSolver(),
        [("poisson", "star")] = () => new Poisson.StarPoissonSolver(),
        [("darcy", "")] = () => new Darcy.DarcySolver(),
    };

    /// <summary>(family, variant) pairs that have a reference solver.</summary>
    public static IEnumerable<(string Family, string Variant)> Supported => Registry.Keys.OrderBy(k => k.Family).ThenBy(k => k.Variant);

    public static IReferenceSolver For(ProblemSpec spec)
    {
        if (Registry.TryGetValue((spec.Family, spec.Variant), out var make) || Registry.TryGetValue((spec.Family, ""), out make))
        {
            return make();
        }
        throw new SpecException(spec.Name, "family/variant", $"no reference solver for family \"{spec.Family}\" variant \"{spec.Variant}\"; supported: {string.Join(", ", Supported.Select(k => k.Family + "/" + k.Variant))}");
    }
}
