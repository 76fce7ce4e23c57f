using NeuralPDE.Core.Specs;

namespace NeuralPDE.Core.Families.PorousMedium;

/// <summary>
/// Parameters of the 1-D GPME family u_t = (k(u) u_x)_x on [xMin, xMax] × [0, tEnd] (spec family
/// <c>porous-medium</c>, variant <c>gpme-1d</c>): <c>law</c> = heat | pme | stefan picks k and the exact solution
/// (<see cref="HeatSineSolution"/>, <see cref="PmeTravellingWave"/>, <see cref="StefanSolution"/>); the Dirichlet
/// data at both ends and the initial data are taken from that exact solution.
/// </summary>
public sealed record Gpme1DParameters(
    GpmeLaw Law,
    double K,
    int Mode,
    double M,
    double C,
    double UStar,
    double XMin,
    double XMax,
    double TEnd)
{
    /// <summary>Reads and validates <c>parameters.*</c>; every field is checked whatever the law.</summary>
    public static Gpme1DParameters FromSpec(ProblemSpec spec)
    {
        string law = spec.TextOr("parameters.law", "pme", "heat", "pme", "stefan");
        double k = spec.NumberOr("parameters.k", 1.0, min: 0, exclusiveMin: true);
        int mode = spec.IntegerOr("parameters.mode", 1, min: 1);
        double m = spec.NumberOr("parameters.m", 3.0, min: 0, exclusiveMin: true);
        double c = spec.NumberOr("parameters.c", 1.0, min: 0, exclusiveMin: true);
        double uStar = spec.NumberOr("parameters.uStar", 0.5, min: 0, exclusiveMin: true);
        if (uStar >= 1)
        {
            throw new SpecException(spec.Name, "parameters.uStar", $"expected a number > 0 and < 1 (u(0, t) = 1 must lie above the threshold), got {uStar}");
        }
        double xMin = spec.NumberOr("parameters.xMin", 0.0);
        double xMax = spec.NumberOr("parameters.xMax", 1.0);
        if (!(xMax > xMin))
        {
            throw new SpecException(spec.Name, "parameters.xMax", $"expected a number > xMin = {xMin}, got {xMax}");
        }
        double tEnd = spec.NumberOr("parameters.tEnd", 1.0, min: 0, exclusiveMin: true);
        GpmeLaw parsed = law switch
        {
            "heat" => GpmeLaw.Heat,
            "pme" => GpmeLaw.Pme,
            _ => GpmeLaw.Stefan,
        };
        return new Gpme1DParameters(parsed, k, mode, m, c, uStar, xMin, xMax, tEnd);
    }

    /// <summary>The exact solution of the selected law (its <see cref="IGpmeExactSolution1D.Diffusivity"/> is the exact k).</summary>
    public IGpmeExactSolution1D Exact() => Law switch
    {
        GpmeLaw.Heat => new HeatSineSolution(K, Mode, XMin, XMax),
        GpmeLaw.Pme => new PmeTravellingWave(M, C, XMin),
        _ => new StefanSolution(UStar, XMin),
    };

    /// <summary>Law name as written in specs.</summary>
    public string LawName => Law switch
    {
        GpmeLaw.Heat => "heat",
        GpmeLaw.Pme => "pme",
        _ => "stefan",
    };
}
