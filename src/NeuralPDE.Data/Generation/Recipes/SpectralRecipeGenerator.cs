using System.Diagnostics;
using System.Globalization;
using NeuralPDE.Core.Specs;
using NeuralPDE.Data.Generation;
using NeuralPDE.Numerics.Solvers;
using NeuralPDE.Numerics.Spectral;
using static TorchSharp.torch;

namespace NeuralPDE.Data.Generation.Recipes;

/// <summary>
/// Spectral recipes (<c>burgers-1d-periodic</c>: family burgers; <c>ns-vorticity-2d</c>: family navier-stokes): a whole
/// block advances together as one batch on torch tensors (<see cref="PeriodicBurgersReferenceSolver.SolveBatch"/>,
/// <see cref="TorusVorticityReferenceSolver.SolveBatch"/>), each sample with its own seeded GRF generator. The recipe
/// must fix the time step (<c>reference.cfl = 0</c>): an adaptive step depends on the whole batch, so a sample would
/// depend on its neighbours. Output: PDEBench <c>tensor</c> float32 [N, T, X] (Burgers) or [N, T, X, Y] (vorticity),
/// <c>t-/x-/y-coordinate</c>, attribute <c>Nu</c>.
/// </summary>
public sealed class SpectralRecipeGenerator : ISampleGenerator
{
    private readonly ProblemSpec _spec;
    private readonly string _device;
    private readonly bool _twoD;

    public SpectralRecipeGenerator(ProblemSpec spec, GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        _spec = spec;
        _device = options.Device;
        _twoD = spec.Family == "navier-stokes";
        if (spec.NumberOr("reference.cfl", 0) != 0)
        {
            throw new SpecException(spec.Name, "reference.cfl",
                "expected 0 for dataset generation (a CFL-adaptive step depends on the whole batch, so samples would depend on their batch); set spec.reference.cfl = 0 in the recipe and choose reference.timeStep");
        }
        var grid = SpectralGridSettings.FromSpec(spec, new SolveOptions(), timeDependent: true);
        double tEnd = spec.Number("parameters.tEnd");
        int t = grid.OutputTimes, x = grid.OutputResolution;
        float[] times = Enumerable.Range(0, t).Select(j => (float)(j * tEnd / (t - 1))).ToArray();
        float[] xs = Enumerable.Range(0, x).Select(i => (float)((double)i / x)).ToArray();
        var coordinates = new Dictionary<string, float[]> { ["t-coordinate"] = times, ["x-coordinate"] = xs };
        var attributes = new Dictionary<string, double> { ["Nu"] = spec.Number("parameters.nu"), ["tEnd"] = tEnd, ["dt"] = spec.Number("reference.timeStep") };
        DatasetArray tensor;
        if (_twoD)
        {
            coordinates["y-coordinate"] = xs;
            attributes["forcingAmplitude"] = spec.Number("parameters.forcingAmplitude");
            tensor = new DatasetArray("tensor", [t, x, x], "vorticity omega(t, x, y) on the periodic unit square, [N, T, X, Y]");
        }
        else
        {
            tensor = new DatasetArray("tensor", [t, x], "u(t, x) on the periodic unit interval, [N, T, X]");
        }
        Layout = new DatasetLayout([tensor], coordinates, [], ["seconds", "steps", "dt"], attributes);
        Solver = string.Create(CultureInfo.InvariantCulture,
            $"{(_twoD ? VorticitySchemes.Name(VorticitySchemes.Parse(spec, "reference.scheme")) : "etdrk4")} pseudo-spectral (N={grid.Resolution}, output {x}, dt={spec.Number("reference.timeStep"):G4}, 2/3 dealiasing), batched on torch ({_device})");
    }

    public DatasetLayout Layout { get; }

    public string Solver { get; }

    public string Notes => "";

    public bool ParallelBlocks => false;

    public IReadOnlyList<GeneratedSample> Generate(IReadOnlyList<int> indices, IReadOnlyList<long> seeds, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        var options = new SolveOptions { Device = _device, Cancellation = cancellation };
        using SpectralTrajectory run = _twoD
            ? TorusVorticityReferenceSolver.SolveBatch(_spec, seeds, options)
            : PeriodicBurgersReferenceSolver.SolveBatch(_spec, seeds, options);
        float[] all = run.Snapshots.to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
        int length = Layout.Arrays[0].SampleLength;
        if (all.Length != length * indices.Count)
        {
            throw new InvalidOperationException($"spectral batch returned {all.Length} values, expected {indices.Count} x {length}");
        }
        double perSample = clock.Elapsed.TotalSeconds / indices.Count;
        var samples = new GeneratedSample[indices.Count];
        for (int k = 0; k < samples.Length; k++)
        {
            samples[k] = new GeneratedSample(indices[k], seeds[k], [all.AsSpan(k * length, length).ToArray()], [], [perSample, run.Steps, run.MaxTimeStep]);
        }
        return samples;
    }
}
