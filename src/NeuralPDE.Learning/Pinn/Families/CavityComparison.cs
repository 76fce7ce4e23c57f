using NeuralPDE.Core.Families.NavierStokes;
using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Solvers;

namespace NeuralPDE.Learning.Pinn.Families;

/// <summary>How a lid-driven cavity PINN (either formulation) is scored: u and v against the stream function–vorticity
/// reference on its grid (relL2 is u's), and the largest deviation from Ghia et al.'s (1982) centreline velocities.</summary>
public static class CavityComparison
{
    /// <summary>Solves the reference, samples (u, v) on its grid with <paramref name="velocity"/> (axes x, y) and scores them.</summary>
    public static PinnEvaluation Evaluate(ProblemSpec spec, string problem, Func<GridAxis, GridAxis, (double[] U, double[] V)> velocity)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(velocity);
        ReferenceSolution reference = ReferenceSolvers.For(spec).Solve(spec, SolveOptions.Default);
        var (u, v) = velocity(reference.Axes[0], reference.Axes[1]);
        var sol = new ReferenceSolution(problem, "pinn", reference.Axes, "u").AddField("u", u).AddField("v", v)
            .AddExact("u", reference.Fields["u"].Values).AddExact("v", reference.Fields["v"].Values);
        double ghiaU = GhiaCavityData.CentrelineUError(sol);
        double ghiaV = GhiaCavityData.CentrelineVError(sol);
        double rel = sol.RelativeL2("u") ?? double.NaN;
        return new PinnEvaluation(sol, rel, new Dictionary<string, double>
        {
            ["relL2"] = rel,
            ["relL2_v"] = sol.RelativeL2("v") ?? double.NaN,
            ["ghiaCentrelineUMaxError"] = ghiaU,
            ["ghiaCentrelineVMaxError"] = ghiaV,
        }, $"stream function-vorticity reference ({reference.Solver}); Ghia et al. 1982 centreline u max deviation {ghiaU:F4}");
    }
}
