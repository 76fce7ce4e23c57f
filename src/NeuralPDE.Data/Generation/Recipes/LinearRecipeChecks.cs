using System.Globalization;
using NeuralPDE.Numerics.Linear;

namespace NeuralPDE.Data.Generation.Recipes;

/// <summary>Refuses a sample whose linear solve did not reach the accepted residual (never store an unconverged sample).</summary>
internal static class LinearRecipeChecks
{
    public static void Accept(LinearSolveResult result, LinearSequenceSolvers solvers, int sample)
    {
        if (!(result.RelativeResidual <= solvers.AcceptedResidual))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"sample {sample}: {solvers.Choice} solver did not converge (relative residual {result.RelativeResidual:G3} after {result.Iterations} iterations, accepted {solvers.AcceptedResidual:G3})"));
        }
    }
}
