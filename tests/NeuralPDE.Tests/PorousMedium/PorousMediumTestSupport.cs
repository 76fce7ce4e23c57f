using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Solvers;

namespace NeuralPDE.Tests.PorousMedium;

internal static class PorousMediumTestSupport
{
    /// <summary>NEURALPDE_FULL=1 scales the convergence studies up.</summary>
    public static bool Full => Environment.GetEnvironmentVariable("NEURALPDE_FULL") == "1";

    public static ProblemSpec Load(string name, params string[] overrides) => ProblemCatalog.Problems().Load(name, overrides);

    public static ReferenceSolution Solve(string name, params string[] overrides)
    {
        ProblemSpec spec = Load(name, overrides);
        return ReferenceSolvers.For(spec).Solve(spec, SolveOptions.Default);
    }

    /// <summary>h Σ u (1-D) or h² Σ u (2-D) of the snapshot at time index j.</summary>
    public static double SnapshotMass(ReferenceSolution r, int j, double cellVolume)
    {
        double s = 0;
        foreach (double v in r.Primary.Slice(j).Values)
        {
            s += v;
        }
        return s * cellVolume;
    }
}
