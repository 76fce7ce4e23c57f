using NeuralPDE.Core.Specs;
using NeuralPDE.Learning.Pinn.Families;

namespace NeuralPDE.Learning.Pinn;

/// <summary>The PINN formulation of a problem spec, by (family, variant).</summary>
public static class PinnProblems
{
    private static readonly Dictionary<(string Family, string Variant), Func<ProblemSpec, PinnProblem>> Registry = new()
    {
        [("burgers", "dirichlet-sine")] = s => new BurgersPinn(s),
        [("poisson", "manufactured-square")] = s => new PoissonPinn(s),
        [("poisson", "lshape")] = s => new PoissonPinn(s),
        [("navier-stokes", "kovasznay")] = s => s.TextOr("pinn.formulation", "stream-function", "stream-function", "velocity-pressure") == "velocity-pressure"
            ? new KovasznayHardPinn(s)
            : new NavierStokesPinn(s),
        [("navier-stokes", "cavity")] = s => s.TextOr("pinn.formulation", "stream-function", "stream-function", "velocity-pressure") == "velocity-pressure"
            ? new CavityHardPinn(s)
            : new NavierStokesPinn(s),
        [("porous-medium", "gpme-1d")] = s => new PorousMediumPinn(s),
    };

    /// <summary>(family, variant) pairs with a PINN formulation.</summary>
    public static IEnumerable<string> Supported => Registry.Keys.Select(k => $"{k.Family}/{k.Variant}");

    public static bool Has(ProblemSpec spec) => spec is not null && Registry.ContainsKey((spec.Family, spec.Variant));

    public static PinnProblem For(ProblemSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!Registry.TryGetValue((spec.Family, spec.Variant), out var create))
        {
            throw new SpecException($"{spec.Name}: no PINN formulation for {spec.Family}/{spec.Variant} (available: {string.Join(", ", Supported)})");
        }
        return create(spec);
    }
}
