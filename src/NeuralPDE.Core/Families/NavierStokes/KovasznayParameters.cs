using NeuralPDE.Core.Specs;

namespace NeuralPDE.Core.Families.NavierStokes;

/// <summary>
/// Parameters of the Kovasznay-flow benchmark (spec family <c>navier-stokes</c>, variant <c>kovasznay</c>):
/// Reynolds number and the rectangle [xMin, xMax] × [yMin, yMax] (PINN benchmarks use Re = 20 on
/// [-0.5, 1] × [-0.5, 1.5]). All boundary data come from <see cref="KovasznaySolution"/>.
/// </summary>
public sealed record KovasznayParameters(double Re, double XMin, double XMax, double YMin, double YMax)
{
    public KovasznaySolution Exact => new(Re);

    /// <summary>Reads and validates <c>parameters.re</c>, <c>xMin</c>, <c>xMax</c>, <c>yMin</c>, <c>yMax</c>.</summary>
    public static KovasznayParameters FromSpec(ProblemSpec spec)
    {
        double re = spec.Number("parameters.re", min: 0, exclusiveMin: true);
        double xMin = spec.Number("parameters.xMin");
        double xMax = spec.Number("parameters.xMax");
        double yMin = spec.Number("parameters.yMin");
        double yMax = spec.Number("parameters.yMax");
        if (!(xMax > xMin))
        {
            throw new SpecException(spec.Name, "parameters.xMax", $"expected a number > parameters.xMin ({xMin:G}), got {xMax:G}");
        }
        if (!(yMax > yMin))
        {
            throw new SpecException(spec.Name, "parameters.yMax", $"expected a number > parameters.yMin ({yMin:G}), got {yMax:G}");
        }
        return new KovasznayParameters(re, xMin, xMax, yMin, yMax);
    }
}
