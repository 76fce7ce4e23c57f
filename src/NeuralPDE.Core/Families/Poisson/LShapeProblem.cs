using NeuralPDE.Core.Geometry;
using NeuralPDE.Core.Specs;

namespace NeuralPDE.Core.Families.Poisson;

/// <summary>
/// −Δu = f (constant) on the L-shaped domain (−1, 1)² \ [0, 1)², u = 0 on the boundary. The re-entrant corner at
/// the origin makes u ~ r^{2/3} sin(2θ/3) there, so u ∉ H² and finite differences converge below second order
/// near the corner. No closed form; checked by self-convergence. Spec <c>problems/poisson-lshape.json</c>.
/// </summary>
public sealed record LShapeProblem(double F)
{
    public static LShapeProblem FromSpec(ProblemSpec spec) => new(spec.Number("parameters.f", min: -1e6, max: 1e6));

    public IDomain2D Domain => LShapeDomain.Instance;
}
