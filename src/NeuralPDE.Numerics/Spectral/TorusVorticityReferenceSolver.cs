using System.Diagnostics;
using NeuralPDE.Core.Families.NavierStokes;
using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Solvers;
using NeuralPDE.Numerics.Torch;
using static TorchSharp.torch;

namespace NeuralPDE.Numerics.Spectral;

/// <summary>
/// Reference solver for family <c>navier-stokes</c>, variant <c>vorticity-forced</c> (FNO 2-D Navier–Stokes): GRF initial
/// vorticity (seeded by <see cref="SolveOptions.Seed"/>), FNO forcing, <see cref="TorusVorticitySpectral"/> with the spec's
/// <c>reference.scheme</c>. Returns axes [t, x, y] and field <c>omega</c>. <see cref="SolveBatch"/> is the batched entry
/// point for dataset generation.
/// </summary>
public sealed class TorusVorticityReferenceSolver : IReferenceSolver
{
    public string Name => "spectral";

    public ReferenceSolution Solve(ProblemSpec spec, SolveOptions options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var grid = SpectralGridSettings.FromSpec(spec, options, timeDependent: true);
        var parameters = TorusVorticityParameters.FromSpec(spec);
        VorticityScheme scheme = VorticitySchemes.Parse(spec, "reference.scheme");
        using var scope = NewDisposeScope();
        using SpectralTrajectory run = SolveBatch(spec, [options.Seed], options);
        double[] values = run.Snapshots[0].cpu().data<double>().ToArray();
        int m = grid.OutputResolution;
        var axes = new[] { new GridAxis("t", run.Times), GridAxis.Periodic("x", 0, 1, m), GridAxis.Periodic("y", 0, 1, m) };
        string name = $"{VorticitySchemes.Name(scheme)}(N={grid.Resolution}, dt={run.MinTimeStep:G3}..{run.MaxTimeStep:G3}, nu={parameters.Nu:G3}, seed={options.Seed})";
        var solution = new ReferenceSolution(spec.Name, name, axes, "omega");
        solution.AddField("omega", values);
        solution.Statistics["seconds"] = clock.Elapsed.TotalSeconds;
        solution.Statistics["steps"] = run.Steps;
        solution.Statistics["dtMin"] = run.MinTimeStep;
        solution.Statistics["dtMax"] = run.MaxTimeStep;
        solution.Statistics["resolution"] = grid.Resolution;
        return solution;
    }

    /// <summary>
    /// Solves one sample per seed in one batch: GRF initial vorticity on the solve grid, snapshots
    /// <c>[B, T, m, m]</c> (float64, on <see cref="SolveOptions.Device"/>). Dispose the result.
    /// </summary>
    public static SpectralTrajectory SolveBatch(ProblemSpec spec, IReadOnlyList<long> seeds, SolveOptions options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        var parameters = TorusVorticityParameters.FromSpec(spec);
        var grid = SpectralGridSettings.FromSpec(spec, options, timeDependent: true);
        var stepping = SpectralTimeStepping.FromSpec(spec);
        VorticityScheme scheme = VorticitySchemes.Parse(spec, "reference.scheme");
        Device device = ComputeDevice.Resolve(options.Device);
        using var scope = NewDisposeScope();
        Tensor w0 = new PeriodicGaussianField(2, grid.Resolution, parameters.Initial).Sample(seeds, device);
        Tensor? forcing = parameters.ForcingAmplitude == 0 ? null : Forcing(grid.Resolution, parameters.ForcingAmplitude, device);
        using var solver = new TorusVorticitySpectral(grid.Resolution, parameters.Nu, forcing, scheme, device);
        SpectralTrajectory run = solver.Solve(w0, parameters.TEnd, grid.OutputTimes, grid.OutputStride, stepping, options.Progress, options.Cancellation);
        run.Snapshots.MoveToOuterDisposeScope();
        return run;
    }

    /// <summary>The FNO forcing on the n x n grid, <c>[n, n]</c> with x first.</summary>
    public static Tensor Forcing(int n, double amplitude, Device device)
    {
        var f = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                f[i * n + j] = TorusVorticityParameters.Forcing(amplitude, (double)i / n, (double)j / n);
            }
        }
        return SpectralGrid.RealTensor(f, [n, n], device);
    }
}
