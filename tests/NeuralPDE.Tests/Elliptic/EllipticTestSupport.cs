using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Solvers;

namespace NeuralPDE.Tests.Elliptic;

/// <summary>Shared helpers: load a spec, solve at a resolution, compare nested grids.</summary>
internal static class EllipticTestSupport
{
    public static bool Full => Environment.GetEnvironmentVariable("NEURALPDE_FULL") == "1";

    public static ProblemSpec Spec(string name, params string[] overrides)
        => ProblemCatalog.Problems().Load(name, overrides);

    public static ReferenceSolution Solve(ProblemSpec spec, int resolution)
        => ReferenceSolvers.For(spec).Solve(spec, new SolveOptions { Resolution = resolution });

    /// <summary>max |fine − coarse| over coarse nodes (fine grid = coarse refined by 2, nested nodes) where both masks are 1.</summary>
    public static double NestedMaxDifference(ReferenceSolution coarse, ReferenceSolution fine)
    {
        int nc = coarse.Axes[1].Length, nf = fine.Axes[1].Length;
        Assert.Equal(2 * (nc - 1) + 1, nf);
        double m = 0;
        for (int i = 0; i < coarse.Axes[0].Length; i++)
        {
            for (int j = 0; j < nc; j++)
            {
                int kc = i * nc + j, kf = (2 * i) * nf + 2 * j;
                if (coarse.Mask is not null && (coarse.Mask.Values[kc] == 0 || fine.Mask!.Values[kf] == 0))
                {
                    continue;
                }
                m = Math.Max(m, Math.Abs(coarse.Primary.Values[kc] - fine.Primary.Values[kf]));
            }
        }
        return m;
    }

    public static string Show(IEnumerable<double> values) => string.Join(", ", values.Select(v => v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)));
}
