using NeuralPDE.Core.Specs;

namespace NeuralPDE.Core.Families.NavierStokes;

/// <summary>
/// Parameters of the lid-driven cavity (spec family <c>navier-stokes</c>, variant <c>cavity</c>):
/// steady incompressible flow in the unit square [0, 1]², no slip on the bottom and side walls,
/// the lid y = 1 sliding with u = <see cref="LidVelocity"/>, v = 0. The Reynolds number is
/// Re = U L / ν with L = 1, so the kinematic viscosity is <see cref="Nu"/> = U / Re.
/// </summary>
public sealed record CavityParameters(double Re, double LidVelocity)
{
    /// <summary>Kinematic viscosity ν = U L / Re (L = 1).</summary>
    public double Nu => Math.Abs(LidVelocity) / Re;

    /// <summary>Reads and validates <c>parameters.re</c> (&gt; 0) and <c>parameters.lidVelocity</c> (non-zero).</summary>
    public static CavityParameters FromSpec(ProblemSpec spec)
    {
        double re = spec.Number("parameters.re", min: 0, exclusiveMin: true);
        double lid = spec.Number("parameters.lidVelocity");
        if (lid == 0)
        {
            throw new SpecException(spec.Name, "parameters.lidVelocity", "expected a non-zero number, got 0");
        }
        return new CavityParameters(re, lid);
    }
}
