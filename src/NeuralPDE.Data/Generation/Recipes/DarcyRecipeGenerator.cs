using NeuralPDE.Core.Families.Darcy;
using NeuralPDE.Core.Geometry;
using NeuralPDE.Core.Specs;
using NeuralPDE.Data.Generation;
using NeuralPDE.Numerics.Krylov;
using NeuralPDE.Numerics.Poisson;

namespace NeuralPDE.Data.Generation.Recipes;

/// <summary>
/// Recipe <c>darcy-2d</c> (family darcy): −∇·(a∇u) = f on the unit square, u = 0, with the thresholded-GRF coefficient
/// of <see cref="DarcyProblem"/> drawn from the sample's seed; 5-point harmonic-mean scheme on n × n nodes; the block's
/// systems solved as one sequence by the chosen <see cref="ILinearSequenceSolver"/> (Krylov recycling over the
/// coefficient fields by default). Output in PDEBench's 2-D Darcy layout: <c>tensor</c> [N, 1, X, Y] (u at all nodes,
/// 0 on the boundary), <c>nu</c> [N, X, Y] (the coefficient a), <c>x-/y-coordinate</c>, attribute <c>beta</c> = f.
/// </summary>
public sealed class DarcyRecipeGenerator : ISampleGenerator
{
    private readonly DarcyProblem _problem;
    private readonly NodeGrid2D _grid;
    private readonly LinearSequenceSolvers _solvers;

    public DarcyRecipeGenerator(ProblemSpec spec, LinearSequenceSolvers solvers)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _problem = DarcyProblem.FromSpec(spec);
        int n = SquareNodeGrid.Resolution(spec);
        _grid = NodeGrid2D.Square(_problem.Domain.Bounds, n);
        _solvers = solvers;
        float[] xs = _grid.XValues().Select(v => (float)v).ToArray();
        Layout = new DatasetLayout(
            [
                new DatasetArray("tensor", [1, n, n], "pressure u on the n x n nodes (boundary included, u = 0 there), [N, 1, X, Y]"),
                new DatasetArray("nu", [n, n], "permeability coefficient a at the nodes, [N, X, Y]"),
            ],
            new Dictionary<string, float[]> { ["x-coordinate"] = xs, ["y-coordinate"] = xs },
            [],
            ["iterations", "residual", "seconds", "positiveFraction"],
            new Dictionary<string, double> { ["beta"] = _problem.F, ["aPositive"] = _problem.APositive, ["aNegative"] = _problem.ANegative });
    }

    public DatasetLayout Layout { get; }

    /// <summary>Unknowns of each system: the (n − 2)² interior nodes of the n × n grid (u = 0 on its edges).</summary>
    public static int Unknowns(ProblemSpec spec) => SquareNodeGrid.InteriorUnknowns(spec);

    public string Solver => "fd5-harmonic + " + _solvers.Name;

    public string Notes => "";

    public bool ParallelBlocks => true;

    public IReadOnlyList<GeneratedSample> Generate(IReadOnlyList<int> indices, IReadOnlyList<long> seeds, CancellationToken cancellation)
    {
        var systems = new PoissonSystem?[indices.Count];
        var coefficients = new double[indices.Count][];
        var items = new LinearSystemItem[indices.Count];
        for (int k = 0; k < items.Length; k++)
        {
            int slot = k;
            coefficients[k] = _problem.Coefficient(_grid, seeds[k]);
            items[k] = new LinearSystemItem(coefficients[k], () =>
            {
                double f = _problem.F;
                PoissonSystem system = PoissonAssembler.Assemble(_problem.Domain, _grid, coefficients[slot], (_, _) => f, (_, _) => 0.0);
                systems[slot] = system;
                return new LinearSystem(system.Matrix, system.RightHandSide);
            });
        }
        SequenceSolveResult result = _solvers.Create().Solve(items, cancellation);
        var samples = new GeneratedSample[items.Length];
        for (int k = 0; k < items.Length; k++)
        {
            var stat = result.Statistics[k];
            LinearRecipeChecks.Accept(stat, _solvers, indices[k]);
            double[] u = systems[k]!.ToGrid(result.Solutions[k]!);
            double positive = coefficients[k].Count(v => v == _problem.APositive) / (double)coefficients[k].Length;
            samples[k] = new GeneratedSample(indices[k], seeds[k], [ToFloat(u), ToFloat(coefficients[k])], [],
                [stat.Iterations, stat.RelativeResidual, stat.Seconds, positive]);
        }
        return samples;
    }

    internal static float[] ToFloat(double[] values)
    {
        var f = new float[values.Length];
        for (int i = 0; i < f.Length; i++)
        {
            f[i] = (float)values[i];
        }
        return f;
    }
}
