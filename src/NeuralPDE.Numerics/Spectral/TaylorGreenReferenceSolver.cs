using System.Diagnostics;
using NeuralPDE.Core.Families.NavierStokes;
using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Solvers;
using NeuralPDE.Numerics.Torch;
using static TorchSharp.torch;

namespace NeuralPDE.Numerics.Spectral;

/// <summary>
/// Reference solver for family <c>navier-stokes</c>, variant <c>taylor-green</c>: the decaying Taylor–Green vortex
/// (<see cref="TaylorGreenVortex"/>) integrated by <see cref="TorusVorticitySpectral"/> without forcing, with the exact
/// vorticity attached. With the default ETDRK4 scheme the diffusion is integrated exactly and the advection vanishes, so
/// the error is round-off; <c>reference.scheme = crank-nicolson</c> shows that scheme's second-order time error.
/// Axes [t, x, y], field <c>omega</c>.
/// </summary>
public sealed class TaylorGreenReferenceSolver : IReferenceSolver
{
    public string Name => "spectral";

    public ReferenceSolution Solve(ProblemSpec spec, SolveOptions options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var vortex = TaylorGreenVortex.FromSpec(spec);
        var grid = SpectralGridSettings.FromSpec(spec, options, timeDependent: true);
        var stepping = SpectralTimeStepping.FromSpec(spec);
        VorticityScheme scheme = VorticitySchemes.Parse(spec, "reference.scheme");
        if (3 * vortex.Wavenumber >= grid.Resolution)
        {
            throw new SpecException(spec.Name, "parameters.wavenumber", $"expected a wavenumber below resolution/3 = {grid.Resolution / 3.0:G4} (2/3 dealiasing), got {vortex.Wavenumber}");
        }
        Device device = ComputeDevice.Resolve(options.Device);
        int n = grid.Resolution;
        var w0 = new double[n * n];
        for (int p = 0; p < w0.Length; p++)
        {
            w0[p] = vortex.Vorticity((double)(p / n) / n, (double)(p % n) / n, 0);
        }
        double[] values;
        SpectralTrajectory run;
        using (NewDisposeScope())
        {
            using var solver = new TorusVorticitySpectral(n, vortex.Nu, null, scheme, device);
            run = solver.Solve(SpectralGrid.RealTensor(w0, [n, n], device), vortex.TEnd, grid.OutputTimes, grid.OutputStride, stepping, options.Progress, options.Cancellation);
            values = run.Snapshots[0].cpu().data<double>().ToArray();
            run.Dispose();
        }
        int m = grid.OutputResolution;
        var x = GridAxis.Periodic("x", 0, 1, m);
        var axes = new[] { new GridAxis("t", run.Times), x, GridAxis.Periodic("y", 0, 1, m) };
        var exact = new double[values.Length];
        for (int t = 0; t < run.Times.Length; t++)
        {
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < m; j++)
                {
                    exact[(t * m + i) * m + j] = vortex.Vorticity(x.Values[i], x.Values[j], run.Times[t]);
                }
            }
        }
        var solution = new ReferenceSolution(spec.Name, $"{VorticitySchemes.Name(scheme)}(N={n}, dt={run.MinTimeStep:G3}..{run.MaxTimeStep:G3}, nu={vortex.Nu:G3})", axes, "omega");
        solution.AddField("omega", values);
        solution.AddExact("omega", exact);
        solution.Statistics["seconds"] = clock.Elapsed.TotalSeconds;
        solution.Statistics["steps"] = run.Steps;
        solution.Statistics["dtMin"] = run.MinTimeStep;
        solution.Statistics["dtMax"] = run.MaxTimeStep;
        solution.Statistics["resolution"] = n;
        return solution;
    }
}
