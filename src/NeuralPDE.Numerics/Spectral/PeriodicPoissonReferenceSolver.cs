using System.Diagnostics;
using NeuralPDE.Core.Families.Poisson;
using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Solvers;
using NeuralPDE.Numerics.Torch;
using static TorchSharp.torch;

namespace NeuralPDE.Numerics.Spectral;

/// <summary>
/// Reference solver for family <c>poisson</c>, variant <c>periodic</c>: the manufactured problem of
/// <see cref="PeriodicPoissonManufactured"/> solved by <see cref="PeriodicPoisson"/> on an n-point (1-D) or n x n (2-D)
/// periodic grid. Fields <c>u</c> (solution, with its exact counterpart) and <c>f</c> (source); axes [x] or [x, y].
/// </summary>
public sealed class PeriodicPoissonReferenceSolver : IReferenceSolver
{
    public string Name => "fft";

    public ReferenceSolution Solve(ProblemSpec spec, SolveOptions options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        var problem = PeriodicPoissonManufactured.FromSpec(spec);
        var grid = SpectralGridSettings.FromSpec(spec, options, timeDependent: false);
        Device device = ComputeDevice.Resolve(options.Device);
        var clock = Stopwatch.StartNew();
        int n = grid.Resolution, d = problem.Dimension;
        var x = GridAxis.Periodic("x", 0, 1, n);
        int count = d == 1 ? n : n * n;
        var f = new double[count];
        var exact = new double[count];
        for (int p = 0; p < count; p++)
        {
            double xi = x.Values[d == 1 ? p : p / n], yi = d == 1 ? 0 : x.Values[p % n];
            f[p] = problem.Source(xi, yi);
            exact[p] = problem.Solution(xi, yi);
        }
        double[] u;
        using (NewDisposeScope())
        {
            long[] shape = d == 1 ? [n] : [n, n];
            Tensor solution = PeriodicPoisson.Solve(SpectralGrid.RealTensor(f, shape, device), d);
            u = solution.cpu().data<double>().ToArray();
        }
        var axes = d == 1 ? new[] { x } : new[] { x, GridAxis.Periodic("y", 0, 1, n) };
        int stride = grid.OutputStride;
        var solutionOut = new ReferenceSolution(spec.Name, $"fft(d={d}, N={n})", Subsample(axes, stride), "u");
        solutionOut.AddField("u", Subsample(u, n, d, stride));
        solutionOut.AddField("f", Subsample(f, n, d, stride));
        solutionOut.AddExact("u", Subsample(exact, n, d, stride));
        solutionOut.Statistics["seconds"] = clock.Elapsed.TotalSeconds;
        solutionOut.Statistics["resolution"] = n;
        return solutionOut;
    }

    private static GridAxis[] Subsample(GridAxis[] axes, int stride)
        => axes.Select(a => new GridAxis(a.Name, a.Values.Where((_, i) => i % stride == 0).ToArray())).ToArray();

    private static double[] Subsample(double[] values, int n, int d, int stride)
    {
        if (stride == 1)
        {
            return values;
        }
        int m = n / stride;
        if (d == 1)
        {
            return Enumerable.Range(0, m).Select(i => values[i * stride]).ToArray();
        }
        var result = new double[m * m];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < m; j++)
            {
                result[i * m + j] = values[i * stride * n + j * stride];
            }
        }
        return result;
    }
}
