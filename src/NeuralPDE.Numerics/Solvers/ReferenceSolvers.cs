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
        [("burgers", "periodic-grf")] = () => new Spectral.PeriodicBurgersReferenceSolver(),
        [("navier-stokes", "vorticity-forced")] = () => new Spectral.TorusVorticityReferenceSolver(),
        [("navier-stokes", "taylor-green")] = () => new Spectral.TaylorGreenReferenceSolver(),
        [("poisson", "periodic")] = () => new Spectral.PeriodicPoissonReferenceSolver(),
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
