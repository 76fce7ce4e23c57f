using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Solvers;

namespace NeuralPDE.Numerics.Burgers;

/// <summary>
/// Settings of the Burgers reference solve, from the spec's <c>reference</c> section:
/// <c>resolution</c> (Chebyshev degree N, N+1 nodes; <see cref="SolveOptions.Resolution"/> overrides it),
/// <c>timeStep</c> (largest ETDRK4 step), <c>mapScale</c> (width eps of the sinh point clustering at x = 0;
/// 0 = plain Chebyshev points), <c>outputPoints</c> (uniform x grid on [xMin, xMax]), <c>outputTimes</c>
/// (uniform t grid on [0, tEnd], both ends included) and <c>exact</c> (also evaluate the Cole–Hopf solution).
/// </summary>
public sealed record BurgersReferenceSettings(int Resolution, double TimeStep, double MapScale, int OutputPoints, int OutputTimes, bool Exact)
{
    public static BurgersReferenceSettings FromSpec(ProblemSpec spec, SolveOptions options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        int resolution = spec.Integer("reference.resolution", min: 8, max: 2048);
        if (options.Resolution is int r)
        {
            if (r < 8 || r > 2048)
            {
                throw new SpecException(spec.Name, "resolution", $"expected an integer >= 8 and <= 2048 (Chebyshev degree), got {r}");
            }
            resolution = r;
        }
        double timeStep = spec.Number("reference.timeStep", min: 0, max: 1, exclusiveMin: true);
        double mapScale = spec.Number("reference.mapScale", min: 0, max: 100);
        int outputPoints = spec.Integer("reference.outputPoints", min: 2, max: 1_000_000);
        int outputTimes = spec.Integer("reference.outputTimes", min: 2, max: 1_000_000);
        bool exact = spec.FlagOr("reference.exact", true);
        return new BurgersReferenceSettings(resolution, timeStep, mapScale, outputPoints, outputTimes, exact);
    }
}
