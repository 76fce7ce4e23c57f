namespace NeuralPDE.Core.Families.NavierStokes;

/// <summary>
/// Kovasznay's exact steady solution of the 2-D incompressible Navier–Stokes equations
/// (L. I. G. Kovasznay, "Laminar flow behind a two-dimensional grid", Proc. Camb. Phil. Soc. 44, 1948),
/// with density 1 and kinematic viscosity <c>1/Re</c>:
/// <code>
///   λ = Re/2 - sqrt(Re²/4 + 4π²)
///   u = 1 - e^{λx} cos 2πy,   v = λ/(2π) e^{λx} sin 2πy,   p = (1 - e^{2λx}) / 2
///   ψ = y - e^{λx} sin(2πy) / (2π)        (u = ψ_y, v = -ψ_x)
///   ω = v_x - u_y = -Δψ = (λ² - 4π²)/(2π) e^{λx} sin 2πy
/// </code>
/// It satisfies u·∇u + ∇p = Δu / Re and ∇·u = 0 everywhere.
/// </summary>
public sealed class KovasznaySolution
{
    public KovasznaySolution(double re)
    {
        if (!(re > 0) || !double.IsFinite(re))
        {
            throw new ArgumentOutOfRangeException(nameof(re), re, "Reynolds number must be a finite number > 0");
        }
        Re = re;
        Lambda = re / 2 - Math.Sqrt(re * re / 4 + 4 * Math.PI * Math.PI);
    }

    public double Re { get; }

    /// <summary>λ = Re/2 - sqrt(Re²/4 + 4π²) (negative: the wake decays downstream).</summary>
    public double Lambda { get; }

    /// <summary>Kinematic viscosity 1/Re.</summary>
    public double Nu => 1 / Re;

    public double U(double x, double y) => 1 - Math.Exp(Lambda * x) * Math.Cos(2 * Math.PI * y);

    public double V(double x, double y) => Lambda / (2 * Math.PI) * Math.Exp(Lambda * x) * Math.Sin(2 * Math.PI * y);

    public double P(double x, double y) => (1 - Math.Exp(2 * Lambda * x)) / 2;

    /// <summary>Stream function with u = ψ_y, v = -ψ_x.</summary>
    public double Psi(double x, double y) => y - Math.Exp(Lambda * x) * Math.Sin(2 * Math.PI * y) / (2 * Math.PI);

    /// <summary>Vorticity ω = v_x - u_y.</summary>
    public double Omega(double x, double y)
        => (Lambda * Lambda - 4 * Math.PI * Math.PI) / (2 * Math.PI) * Math.Exp(Lambda * x) * Math.Sin(2 * Math.PI * y);

    /// <summary>Samples <paramref name="f"/> on the tensor grid (x slow, y fast), row-major [x, y].</summary>
    public static double[] Sample(Func<double, double, double> f, IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var values = new double[x.Count * y.Count];
        for (int i = 0; i < x.Count; i++)
        {
            for (int j = 0; j < y.Count; j++)
            {
                values[i * y.Count + j] = f(x[i], y[j]);
            }
        }
        return values;
    }
}
