using System.Diagnostics;
using NeuralPDE.Core.Families.Burgers;
using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Solvers;
using NeuralPDE.Numerics.Torch;
using static TorchSharp.torch;

namespace NeuralPDE.Numerics.Spectral;

/// <summary>
/// Reference solver for family <c>burgers</c>, variant <c>periodic-grf</c> (FNO / PDEBench 1-D Burgers): a GRF initial
/// condition (<see cref="PeriodicGaussianField"/>, seeded by <see cref="SolveOptions.Seed"/>) advanced by
/// <see cref="PeriodicBurgersSpectral"/> (Fourier pseudo-spectral, 2/3 dealiasing, ETDRK4). Returns axes [t, x] and field
/// <c>u</c>. <see cref="SolveBatch"/> is the batched entry point for dataset generation.
/// </summary>
public sealed class PeriodicBurgersReferenceSolver : IReferenceSolver
{
    public string Name => "etdrk4";

    public ReferenceSolution Solve(ProblemSpec spec, SolveOptions options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var grid = SpectralGridSettings.FromSpec(spec, options, timeDependent: true);
        var parameters = PeriodicBurgersParameters.FromSpec(spec);
        using var scope = NewDisposeScope();
        using SpectralTrajectory run = SolveBatch(spec, [options.Seed], options);
        double[] values = run.Snapshots[0].cpu().data<double>().ToArray();
        var axes = new[] { new GridAxis("t", run.Times), GridAxis.Periodic("x", 0, 1, grid.OutputResolution) };
        var solution = new ReferenceSolution(spec.Name, $"etdrk4(N={grid.Resolution}, dt={run.MaxTimeStep:G3}, nu={parameters.Nu:G3}, seed={options.Seed})", axes, "u");
        solution.AddField("u", values);
        int x = grid.OutputResolution, t = run.Times.Length;
        double mass0 = values.AsSpan(0, x).ToArray().Average(), massT = values.AsSpan((t - 1) * x, x).ToArray().Average();
        solution.Statistics["seconds"] = clock.Elapsed.TotalSeconds;
        solution.Statistics["steps"] = run.Steps;
        solution.Statistics["dt"] = run.MaxTimeStep;
        solution.Statistics["resolution"] = grid.Resolution;
        solution.Statistics["massDrift"] = Math.Abs(massT - mass0);
        solution.Statistics["maxAbsU0"] = values.AsSpan(0, x).ToArray().Max(Math.Abs);
        return solution;
    }

    /// <summary>
    /// Solves one sample per seed in one batch: GRF initial conditions on the spec's solve grid, snapshots
    /// <c>[B, T, outputResolution]</c> (float64, on <see cref="SolveOptions.Device"/>). Dispose the result.
    /// </summary>
    public static SpectralTrajectory SolveBatch(ProblemSpec spec, IReadOnlyList<long> seeds, SolveOptions options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        var parameters = PeriodicBurgersParameters.FromSpec(spec);
        var grid = SpectralGridSettings.FromSpec(spec, options, timeDependent: true);
        var stepping = SpectralTimeStepping.FromSpec(spec);
        Device device = ComputeDevice.Resolve(options.Device);
        using var scope = NewDisposeScope();
        Tensor u0 = new PeriodicGaussianField(1, grid.Resolution, parameters.Initial).Sample(seeds, device);
        using var solver = new PeriodicBurgersSpectral(grid.Resolution, parameters.Nu, device);
        SpectralTrajectory run = solver.Solve(u0, parameters.TEnd, grid.OutputTimes, grid.OutputStride, stepping, options.Progress, options.Cancellation);
        run.Snapshots.MoveToOuterDisposeScope();
        return run;
    }
}
