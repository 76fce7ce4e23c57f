using NeuralPDE.Core.Specs;

namespace NeuralPDE.Core.Families.Burgers;

/// <summary>
/// Parameters of the viscous Burgers equation u_t + u u_x = nu u_xx on [xMin, xMax] x [0, tEnd].
/// For the <c>dirichlet-sine</c> variant (Raissi et al.'s shock benchmark) the domain is [-1, 1],
/// u(x, 0) = -sin(pi x) and u(+-1, t) = 0; the usual value is nu = 0.01/pi.
/// </summary>
public sealed record BurgersParameters(double Nu, double XMin, double XMax, double TEnd)
{
    /// <summary>Reads and validates <c>parameters.nu</c> (&gt; 0), <c>parameters.xMin</c>, <c>parameters.xMax</c>
    /// (the sine variant requires [-1, 1]) and <c>parameters.tEnd</c> (&gt; 0).</summary>
    public static BurgersParameters FromSpec(ProblemSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        double nu = spec.Number("parameters.nu", min: 0, exclusiveMin: true);
        double xMin = spec.Number("parameters.xMin");
        double xMax = spec.Number("parameters.xMax");
        double tEnd = spec.Number("parameters.tEnd", min: 0, exclusiveMin: true);
        if (spec.Variant == "dirichlet-sine")
        {
            if (xMin != -1.0)
            {
                throw new SpecException(spec.Name, "parameters.xMin", $"expected -1 (the dirichlet-sine variant, u0 = -sin(pi x), is posed on [-1, 1]), got {xMin}");
            }
            if (xMax != 1.0)
            {
                throw new SpecException(spec.Name, "parameters.xMax", $"expected 1 (the dirichlet-sine variant, u0 = -sin(pi x), is posed on [-1, 1]), got {xMax}");
            }
        }
        else if (!(xMax > xMin))
        {
            throw new SpecException(spec.Name, "parameters.xMax", $"expected a number > xMin = {xMin}, got {xMax}");
        }
        return new BurgersParameters(nu, xMin, xMax, tEnd);
    }
}
