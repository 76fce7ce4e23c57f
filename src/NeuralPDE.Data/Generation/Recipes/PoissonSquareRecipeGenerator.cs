using NeuralPDE.Core.Geometry;
using NeuralPDE.Core.Random;
using NeuralPDE.Core.Specs;
using NeuralPDE.Data.Generation;
using NeuralPDE.Numerics.Krylov;
using NeuralPDE.Numerics.Linear;
using NeuralPDE.Numerics.Poisson;

namespace NeuralPDE.Data.Generation.Recipes;

/// <summary>
/// Recipe <c>poisson-2d</c> (family poisson, the unit square of problem <c>poisson-2d</c>): −Δu = f in (0, 1)², u = 0 on
/// the boundary, with a source f drawn per sample from the cosine-series Gaussian random field of the Darcy data
/// (<see cref="CosineGaussianRandomField"/>: <c>random.alpha</c>, <c>random.tau</c>, <c>random.modes</c>, times
/// <c>random.scale</c>); standard 5-point scheme on n × n nodes. Every system of a block shares one matrix object, so
/// a recycling solver keeps C = A U without re-forming it (<see cref="GcroDr"/>), ILU(0) is factored once per block
/// and <c>direct</c> factors once per block. Only the right-hand side changes: it is f at the interior nodes times
/// the assembler's row scaling, read off one assembly with f = 1. Output: <c>tensor</c> [N, 1, X, Y] (u at all nodes, 0
/// on the boundary), <c>source</c> [N, X, Y] (f at the nodes), <c>x-/y-coordinate</c>.
/// </summary>
public sealed class PoissonSquareRecipeGenerator : ISampleGenerator
{
    private readonly NodeGrid2D _grid;
    private readonly LinearSequenceSolvers _solvers;
    private readonly double _alpha, _tau, _scale;
    private readonly int _modes;

    public PoissonSquareRecipeGenerator(ProblemSpec recipe, ProblemSpec spec, LinearSequenceSolvers solvers)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(spec);
        _solvers = solvers;
        int n = SquareNodeGrid.Resolution(spec);
        _grid = NodeGrid2D.Square(BoxDomain.UnitSquare.Bounds, n);
        _alpha = recipe.Number("random.alpha", min: 0, exclusiveMin: true);
        _tau = recipe.Number("random.tau", min: 0, exclusiveMin: true);
        _modes = recipe.Integer("random.modes", min: 2, max: 512);
        _scale = recipe.Number("random.scale", min: 0, exclusiveMin: true);
        float[] xs = _grid.XValues().Select(v => (float)v).ToArray();
        Layout = new DatasetLayout(
            [
                new DatasetArray("tensor", [1, n, n], "u on the n x n nodes (boundary included, u = 0 there), [N, 1, X, Y]"),
                new DatasetArray("source", [n, n], "source f at the nodes, [N, X, Y]"),
            ],
            new Dictionary<string, float[]> { ["x-coordinate"] = xs, ["y-coordinate"] = xs },
            [],
            ["iterations", "residual", "seconds"],
            new Dictionary<string, double> { ["alpha"] = _alpha, ["tau"] = _tau, ["modes"] = _modes, ["scale"] = _scale });
    }

    public DatasetLayout Layout { get; }

    /// <summary>Unknowns of each system: the (n − 2)² interior nodes of the n × n grid.</summary>
    public static int Unknowns(ProblemSpec spec) => SquareNodeGrid.InteriorUnknowns(spec);

    public string Solver => "fd5 (one matrix per block) + " + _solvers.Name;

    public string Notes => "";

    public bool ParallelBlocks => true;

    /// <summary>The source of one sample at the grid nodes (row-major [x, y]).</summary>
    public double[] Source(long seed)
    {
        double[] f = CosineGaussianRandomField.Sample(_alpha, _tau, _modes, Xoshiro256StarStar.ForStream(seed, 0)).Evaluate(_grid.XValues(), _grid.YValues());
        for (int k = 0; k < f.Length; k++)
        {
            f[k] *= _scale;
        }
        return f;
    }

    /// <summary>The systems of samples with these seeds, one matrix object for all of them (the parameter vector of
    /// a system is its source at the nodes), and the system that maps unknowns to nodes.</summary>
    public (IReadOnlyList<LinearSystemItem> Items, PoissonSystem Shared) Systems(IReadOnlyList<long> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        // One assembly with f = 1 gives the matrix, shared by the whole block, and the row scaling of the source.
        PoissonSystem shared = PoissonAssembler.Assemble(BoxDomain.UnitSquare, _grid, null, (_, _) => 1.0, (_, _) => 0.0);
        double[] rowScale = shared.RightHandSide;
        var items = new LinearSystemItem[seeds.Count];
        for (int k = 0; k < items.Length; k++)
        {
            double[] f = Source(seeds[k]);
            items[k] = new LinearSystemItem(f, () =>
            {
                var b = new double[shared.Unknowns];
                for (int i = 0; i < b.Length; i++)
                {
                    b[i] = rowScale[i] * f[shared.NodeOfUnknown[i]];
                }
                return new LinearSystem(shared.Matrix, b);
            });
        }
        return (items, shared);
    }

    public IReadOnlyList<GeneratedSample> Generate(IReadOnlyList<int> indices, IReadOnlyList<long> seeds, CancellationToken cancellation)
    {
        var (items, shared) = Systems(seeds);
        int count = indices.Count;
        SequenceSolveResult result = _solvers.Create().Solve(items, cancellation);
        var samples = new GeneratedSample[count];
        for (int k = 0; k < count; k++)
        {
            var stat = result.Statistics[k];
            LinearRecipeChecks.Accept(stat, _solvers, indices[k]);
            double[] u = shared.ToGrid(result.Solutions[k]!);
            samples[k] = new GeneratedSample(indices[k], seeds[k], [DarcyRecipeGenerator.ToFloat(u), DarcyRecipeGenerator.ToFloat(items[k].Parameters)], [],
                [stat.Iterations, stat.RelativeResidual, stat.Seconds]);
        }
        return samples;
    }
}
