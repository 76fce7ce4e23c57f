using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Solvers;

namespace NeuralPDE.Numerics.Spectral;

/// <summary>
/// Grid settings of a spectral reference solve, from the spec's <c>reference</c> section:
/// <c>resolution</c> (even, &gt;= 4; <see cref="SolveOptions.Resolution"/> overrides it), <c>outputResolution</c>
/// (points per direction stored; capped at the resolution, which it must divide) and, for time-dependent problems,
/// <c>outputTimes</c> (&gt;= 2 snapshots from t = 0 to tEnd inclusive).
/// </summary>
public sealed record SpectralGridSettings(int Resolution, int OutputResolution, int OutputTimes)
{
    public int OutputStride => Resolution / OutputResolution;

    public static SpectralGridSettings FromSpec(ProblemSpec spec, SolveOptions options, bool timeDependent)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        int resolution = options.Resolution ?? spec.Integer("reference.resolution", min: 4);
        string resolutionField = options.Resolution is null ? "reference.resolution" : "--resolution";
        if (resolution < 4 || resolution % 2 != 0)
        {
            throw new SpecException(spec.Name, resolutionField, $"expected an even number of grid points >= 4, got {resolution}");
        }
        int output = Math.Min(spec.IntegerOr("reference.outputResolution", resolution, min: 1), resolution);
        if (resolution % output != 0)
        {
            throw new SpecException(spec.Name, "reference.outputResolution", $"expected a divisor of the resolution {resolution}, got {output}");
        }
        int times = timeDependent ? spec.Integer("reference.outputTimes", min: 2) : 1;
        return new SpectralGridSettings(resolution, output, times);
    }
}
