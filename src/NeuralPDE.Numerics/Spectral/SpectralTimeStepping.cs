using NeuralPDE.Core.Specs;

namespace NeuralPDE.Numerics.Spectral;

/// <summary>
/// Time-step control for the spectral solvers. With <see cref="Cfl"/> = 0 the step is <see cref="TimeStep"/> (fixed, so a
/// sample's trajectory does not depend on the rest of its batch). With <see cref="Cfl"/> &gt; 0 the step is
/// <c>min(TimeStep, Cfl dx / max|speed|)</c>, the maximum taken over the whole batch. Either way the step is then shortened
/// so that a whole number of steps fills each output interval.
/// Spec fields: <c>reference.timeStep</c> (&gt; 0) and <c>reference.cfl</c> (&gt;= 0).
/// </summary>
public sealed record SpectralTimeStepping(double TimeStep, double Cfl)
{
    public static SpectralTimeStepping FromSpec(ProblemSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new SpectralTimeStepping(
            spec.Number("reference.timeStep", min: 0, exclusiveMin: true),
            spec.Number("reference.cfl", min: 0, max: 2));
    }

    /// <summary>Step limit for a maximum speed (sum of |velocity components|) on a grid of spacing dx.</summary>
    public double Limit(double maxSpeed, double dx)
        => Cfl == 0 || maxSpeed <= 0 || !double.IsFinite(maxSpeed) ? TimeStep : Math.Min(TimeStep, Cfl * dx / maxSpeed);

    /// <summary>Number of equal steps of length &lt;= <paramref name="dt"/> covering <paramref name="interval"/>.</summary>
    public static int StepsFor(double interval, double dt)
    {
        double ratio = interval / dt;
        double rounded = Math.Round(ratio);
        int steps = Math.Abs(ratio - rounded) < 1e-9 * Math.Max(1, ratio) ? (int)rounded : (int)Math.Ceiling(ratio);
        return Math.Max(1, steps);
    }
}
