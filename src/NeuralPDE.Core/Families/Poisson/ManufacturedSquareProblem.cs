using NeuralPDE.Core.Geometry;
using NeuralPDE.Core.Specs;

namespace NeuralPDE.Core.Families.Poisson;

/// <summary>
/// −Δu = f on the unit square with Dirichlet data from the manufactured solution
/// <code>u(x, y) = e^{βx} sin(kx π x) sin(ky π y) + γ eˣ cos y,</code>
/// whose second term is harmonic and makes the boundary data non-zero. Then
/// <code>f = −Δu = −e^{βx} sin(ky π y) [(β² − (kx π)² − (ky π)²) sin(kx π x) + 2β kx π cos(kx π x)].</code>
/// Spec <c>problems/poisson-2d.json</c> (family <c>poisson</c>, variant <c>manufactured-square</c>).
/// </summary>
public sealed record ManufacturedSquareProblem(int Kx, int Ky, double Beta, double Gamma)
{
    public static ManufacturedSquareProblem FromSpec(ProblemSpec spec)
        => new(
            spec.Integer("parameters.kx", min: 1, max: 64),
            spec.Integer("parameters.ky", min: 1, max: 64),
            spec.Number("parameters.beta", min: -10, max: 10),
            spec.Number("parameters.gamma", min: -100, max: 100));

    public IDomain2D Domain => BoxDomain.UnitSquare;

    public double Exact(double x, double y)
        => Math.Exp(Beta * x) * Math.Sin(Kx * Math.PI * x) * Math.Sin(Ky * Math.PI * y) + Gamma * Math.Exp(x) * Math.Cos(y);

    public double Source(double x, double y)
    {
        double ax = Kx * Math.PI, ay = Ky * Math.PI;
        return -Math.Exp(Beta * x) * Math.Sin(ay * y)
            * (((Beta * Beta) - (ax * ax) - (ay * ay)) * Math.Sin(ax * x) + 2 * Beta * ax * Math.Cos(ax * x));
    }
}
