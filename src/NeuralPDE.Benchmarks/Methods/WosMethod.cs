using NeuralPDE.Core.Specs;
using NeuralPDE.Learning.WalkOnSpheres;

namespace NeuralPDE.Benchmarks.Methods;

/// <summary>Walk-on-spheres-supervised training (see <see cref="StarPoissonSupervision"/>): for the poisson-star family.</summary>
public sealed class WosMethod : IBenchmarkMethod
{
    public string Name => "wos";

    public string? NotApplicableReason(ProblemSpec spec) => StarPoissonSupervision.Applies(spec)
        ? null
        : "walk-on-spheres supervision is set up for poisson-star (a Poisson problem on a star domain)";

    public MethodOutcome Run(BenchmarkContext context) => StarPoissonSupervision.Run(context, Name, SupervisionMethod.Wos);
}
