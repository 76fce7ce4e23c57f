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
        [("navier-stokes", "kovasznay")] = () => new NavierStokes.KovasznaySolver(),
        [("navier-stokes", "cavity")] = () => new NavierStokes.CavitySolver(),
        [("porous-medium", "gpme-1d")] = () => new PorousMedium.Gpme1DSolver(),
        [("porous-medium", "barenblatt-2d")] = () => new PorousMedium.BarenblattSolver(),
        [("burgers", "dirichlet-sine")] = () => new NeuralPDE.Numerics.Burgers.BurgersReferenceSolver(),
        [("poisson", "manufactured-square")] = () => new Poisson.ManufacturedSquareSolver(),
        [("poisson", "lshape")] = () => new Poisson.LShapeSolver(),
        [("poisson", "star")] = () => new Poisson.StarPoissonSolver(),
        [("darcy", "")] = () => new Darcy.DarcySolver(),
        [("burgers", "periodic-grf")] = () => new Spectral.PeriodicBurgersReferenceSolver(),
        [("navier-stokes", "vorticity-forced")] = () => new Spectral.TorusVorticityReferenceSolver(),
        [("navier-stokes", "taylor-green")] = () => new Spectral.TaylorGreenReferenceSolver(),
        [("poisson", "periodic")] = () => new Spectral.PeriodicPoissonReferenceSolver(),
    };

    /// <summary>(family, variant) pairs that have a reference solver.</summary>
    public static IEnumerable<(string Family, string Variant)> Supported => Registry.Keys.OrderBy(k => k.Family).ThenBy(k => k.Variant);

    /// <summary>True when <see cref="For"/> would find a solver for <paramref name="spec"/>.</summary>
    public static bool Has(ProblemSpec spec) =>
        Registry.ContainsKey((spec.Family, spec.Variant)) || Registry.ContainsKey((spec.Family, ""));

    public static IReferenceSolver For(ProblemSpec spec)
    {
        if (Registry.TryGetValue((spec.Family, spec.Variant), out var make) || Registry.TryGetValue((spec.Family, ""), out make))
        {
            return make();
        }
        throw new SpecException(spec.Name, "family/variant", $"no reference solver for family \"{spec.Family}\" variant \"{spec.Variant}\"; supported: {string.Join(", ", Supported.Select(k => k.Family + "/" + k.Variant))}");
    }
}
