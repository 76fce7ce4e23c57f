using NeuralPDE.Core.Specs;

namespace NeuralPDE.Data.Generation.Recipes;

/// <summary>The n × n node grid of the unit-square recipes (darcy-2d, poisson-2d): n = <c>reference.resolution</c>,
/// boundary nodes included, u = 0 on them, so each system has (n − 2)² unknowns.</summary>
internal static class SquareNodeGrid
{
    /// <summary>Grid points per direction, boundary included (<c>reference.resolution</c>).</summary>
    public static int Resolution(ProblemSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Integer("reference.resolution", min: 5, max: 4097);
    }

    /// <summary>Unknowns of each system: the (n − 2)² interior nodes.</summary>
    public static int InteriorUnknowns(ProblemSpec spec)
    {
        int n = Resolution(spec);
        return (n - 2) * (n - 2);
    }
}
