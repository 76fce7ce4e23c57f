using System.Globalization;
using NeuralPDE.Core.Specs;

namespace NeuralPDE.Core.Families.PorousMedium;

/// <summary>
/// Parameters of the Barenblatt problem (spec family <c>porous-medium</c>, variant <c>barenblatt-2d</c>):
/// u_t = div(u^m grad u) on the box [−halfWidth, halfWidth]², t ∈ [t0, tEnd], initial data the exact
/// <see cref="BarenblattSolution"/> at t0 &gt; 0, zero-flux walls. The support radius R(tEnd) must stay inside
/// the box, so that the zero-flux problem and the whole-space solution coincide.
/// </summary>
public sealed record BarenblattParameters(double M, int Dimension, double C, double T0, double TEnd, double HalfWidth)
{
    public static BarenblattParameters FromSpec(ProblemSpec spec)
    {
        double m = spec.Number("parameters.m", min: 0, exclusiveMin: true);
        int dimension = spec.IntegerOr("parameters.dimension", 2, min: 2, max: 2);
        double c = spec.Number("parameters.C", min: 0, exclusiveMin: true);
        double t0 = spec.Number("parameters.t0", min: 0, exclusiveMin: true);
        double tEnd = spec.Number("parameters.tEnd", min: 0, exclusiveMin: true);
        if (!(tEnd > t0))
        {
            throw new SpecException(spec.Name, "parameters.tEnd", $"expected a number > t0 = {t0.ToString(CultureInfo.InvariantCulture)}, got {tEnd.ToString(CultureInfo.InvariantCulture)}");
        }
        double halfWidth = spec.Number("parameters.halfWidth", min: 0, exclusiveMin: true);
        var p = new BarenblattParameters(m, dimension, c, t0, tEnd, halfWidth);
        double r = p.Exact().FrontRadius(tEnd);
        if (r >= halfWidth)
        {
            throw new SpecException(spec.Name, "parameters.halfWidth", $"the front radius R(tEnd) = {r.ToString("G6", CultureInfo.InvariantCulture)} reaches the box (halfWidth = {halfWidth.ToString(CultureInfo.InvariantCulture)}); enlarge the box or shorten tEnd");
        }
        return p;
    }

    public BarenblattSolution Exact() => new(M, Dimension, C);
}
