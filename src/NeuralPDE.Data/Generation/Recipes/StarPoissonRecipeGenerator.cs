using NeuralPDE.Core.Families.Poisson;
using NeuralPDE.Core.Geometry;
using NeuralPDE.Core.Random;
using NeuralPDE.Core.Specs;
using NeuralPDE.Data.Generation;
using NeuralPDE.Numerics.Krylov;
using NeuralPDE.Numerics.Linear;
using NeuralPDE.Numerics.Poisson;

namespace NeuralPDE.Data.Generation.Recipes;

/// <summary>
/// Recipe <c>poisson-star</c> (family poisson): per sample a random star domain r(θ) = r0 (1 + c1 cos 4θ + c2 cos 8θ),
/// a sum of Gaussian sources and Fourier boundary data g(θ) = a0 + Σ (a_k cos kθ + b_k sin kθ) with a_k, b_k uniform
/// in ±scale/(1+k)^decay (ranges in the recipe's <c>random</c> section), solved by the Shortley–Weller scheme of
/// <see cref="StarPoissonProblem"/> on the square [−L, L]². To let a Krylov solver recycle across domains of different
/// shapes, every system is embedded in the full n² grid (identity rows with the boundary value or 0 at non-unknown
/// nodes, which leaves the solution unchanged). Output: <c>tensor</c> [N, 1, X, Y] (u on the closed domain, 0 outside),
/// <c>mask</c> [N, X, Y] (1 on the closed domain), <c>source</c> [N, X, Y] (f at every node), <c>boundary</c> [N, X, Y]
/// (g at boundary nodes, 0 elsewhere), <c>x-/y-coordinate</c>, and the drawn parameters.
/// </summary>
public sealed class StarPoissonRecipeGenerator : ISampleGenerator
{
    private readonly NodeGrid2D _grid;
    private readonly double _half;
    private readonly LinearSequenceSolvers _solvers;
    private readonly double[] _r0, _c1, _c2, _amplitude, _width;
    private readonly int _sources, _modes;
    private readonly double _centerRadius, _boundaryScale, _boundaryDecay;

    public StarPoissonRecipeGenerator(ProblemSpec recipe, ProblemSpec spec, LinearSequenceSolvers solvers)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(spec);
        _solvers = solvers;
        _half = spec.Number("parameters.halfWidth", min: 0, exclusiveMin: true);
        int n = Resolution(spec);
        _grid = new NodeGrid2D(-_half, _half, n, -_half, _half, n);
        _r0 = Range(recipe, "random.r0", 0, double.MaxValue);
        _c1 = Range(recipe, "random.c1", -1, 1);
        _c2 = Range(recipe, "random.c2", -1, 1);
        double rMax = _r0[1] * (1 + Math.Max(Math.Abs(_c1[0]), Math.Abs(_c1[1])) + Math.Max(Math.Abs(_c2[0]), Math.Abs(_c2[1])));
        if (rMax >= _half)
        {
            throw new SpecException(recipe.Name, "random.r0", FormattableString.Invariant($"the largest star (radius up to {rMax:G4}) must fit in [-L, L]^2 with L = halfWidth = {_half}"));
        }
        double rMin = StarDomain.MinimumRadius(_r0[0], Math.Max(Math.Abs(_c1[0]), Math.Abs(_c1[1])), Math.Max(Math.Abs(_c2[0]), Math.Abs(_c2[1])));
        if (!(Math.Max(Math.Abs(_c1[0]), Math.Abs(_c1[1])) + Math.Max(Math.Abs(_c2[0]), Math.Abs(_c2[1])) < 0.9) || !(rMin > 0))
        {
            throw new SpecException(recipe.Name, "random.c1", "expected max|c1| + max|c2| < 0.9 so that every star stays star-shaped with r > 0");
        }
        _sources = recipe.Integer("random.sources", min: 0, max: 64);
        _amplitude = Range(recipe, "random.amplitude", double.MinValue, double.MaxValue);
        _width = Range(recipe, "random.width", 1e-3, double.MaxValue);
        _centerRadius = recipe.Number("random.centerRadius", min: 0, max: 1);
        _modes = recipe.Integer("random.boundaryModes", min: 0, max: 64);
        _boundaryScale = recipe.Number("random.boundaryScale", min: 0);
        _boundaryDecay = recipe.Number("random.boundaryDecay", min: 0);

        var names = new List<string> { "r0", "c1", "c2" };
        for (int k = 0; k < _sources; k++)
        {
            names.AddRange([$"amplitude{k}", $"centerX{k}", $"centerY{k}", $"width{k}"]);
        }
        names.Add("a0");
        for (int k = 1; k <= _modes; k++)
        {
            names.AddRange([$"a{k}", $"b{k}"]);
        }
        float[] xs = _grid.XValues().Select(v => (float)v).ToArray();
        Layout = new DatasetLayout(
            [
                new DatasetArray("tensor", [1, n, n], "u on the closed star domain, 0 outside, [N, 1, X, Y]"),
                new DatasetArray("mask", [n, n], "1 on the closed domain (interior and boundary nodes), 0 outside, [N, X, Y]"),
                new DatasetArray("source", [n, n], "f at every node, [N, X, Y]"),
                new DatasetArray("boundary", [n, n], "Dirichlet data g at boundary nodes, 0 elsewhere, [N, X, Y]"),
            ],
            new Dictionary<string, float[]> { ["x-coordinate"] = xs, ["y-coordinate"] = xs },
            names,
            ["iterations", "residual", "seconds", "unknowns", "cutArms"],
            new Dictionary<string, double> { ["halfWidth"] = _half });
    }

    public DatasetLayout Layout { get; }

    public string Solver => "shortley-weller (full-grid embedding) + " + _solvers.Name;

    /// <summary>Unknowns of each system: all n² nodes of the grid (the systems are embedded in the full grid).</summary>
    public static int Unknowns(ProblemSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int n = Resolution(spec);
        return n * n;
    }

    /// <summary>Grid points per direction (<c>reference.resolution</c>).</summary>
    private static int Resolution(ProblemSpec spec) => spec.Integer("reference.resolution", min: 9, max: 4097);

    public string Notes => "";

    public bool ParallelBlocks => true;

    private static double[] Range(ProblemSpec recipe, string path, double min, double max)
    {
        double[] r = recipe.Numbers(path, 2);
        if (!(r[0] <= r[1]) || r[0] < min || r[1] > max)
        {
            throw new SpecException(recipe.Name, path, FormattableString.Invariant($"expected [low, high] with {min:G4} <= low <= high <= {max:G4}, got [{r[0]}, {r[1]}]"));
        }
        return r;
    }

    /// <summary>The random problem of one sample and its parameter vector (layout order).</summary>
    public (StarPoissonProblem Problem, double[] Parameters) Draw(long seed)
    {
        var rng = Xoshiro256StarStar.ForStream(seed, 1);
        double U(double[] r) => r[0] + (r[1] - r[0]) * rng.NextDouble();
        double r0 = U(_r0), c1 = U(_c1), c2 = U(_c2);
        var amp = new double[_sources];
        var cx = new double[_sources];
        var cy = new double[_sources];
        var w = new double[_sources];
        var parameters = new List<double> { r0, c1, c2 };
        for (int k = 0; k < _sources; k++)
        {
            amp[k] = U(_amplitude);
            double radius = _centerRadius * r0 * Math.Sqrt(rng.NextDouble());
            double angle = 2 * Math.PI * rng.NextDouble();
            cx[k] = radius * Math.Cos(angle);
            cy[k] = radius * Math.Sin(angle);
            w[k] = U(_width);
            parameters.AddRange([amp[k], cx[k], cy[k], w[k]]);
        }
        var bc = new double[_modes + 1];
        var bs = new double[_modes];
        bc[0] = _boundaryScale * (2 * rng.NextDouble() - 1);
        parameters.Add(bc[0]);
        for (int k = 1; k <= _modes; k++)
        {
            double scale = _boundaryScale / Math.Pow(1 + k, _boundaryDecay);
            bc[k] = scale * (2 * rng.NextDouble() - 1);
            bs[k - 1] = scale * (2 * rng.NextDouble() - 1);
            parameters.AddRange([bc[k], bs[k - 1]]);
        }
        return (new StarPoissonProblem(r0, c1, c2, _half, amp, cx, cy, w, bc, bs), parameters.ToArray());
    }

    /// <summary>The systems of samples with these seeds, embedded in the full grid (the parameter vector of a system
    /// is its domain mask), with each sample's problem, Shortley–Weller system and drawn parameters.</summary>
    public (IReadOnlyList<LinearSystemItem> Items, StarPoissonProblem[] Problems, PoissonSystem[] Systems, double[][] Parameters) Systems(IReadOnlyList<long> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        int count = seeds.Count;
        var problems = new StarPoissonProblem[count];
        var systems = new PoissonSystem[count];
        var parameters = new double[count][];
        var items = new LinearSystemItem[count];
        for (int k = 0; k < count; k++)
        {
            var (problem, p) = Draw(seeds[k]);
            problems[k] = problem;
            parameters[k] = p;
            systems[k] = PoissonAssembler.Assemble(problem.Domain(), _grid, null, problem.Source, problem.Boundary);
            PoissonSystem system = systems[k];
            double[] ordering = system.Mask();
            items[k] = new LinearSystemItem(ordering, () => Embed(system));
        }
        return (items, problems, systems, parameters);
    }

    public IReadOnlyList<GeneratedSample> Generate(IReadOnlyList<int> indices, IReadOnlyList<long> seeds, CancellationToken cancellation)
    {
        int count = indices.Count;
        var (items, problems, systems, parameters) = Systems(seeds);
        SequenceSolveResult result = _solvers.Create().Solve(items, cancellation);
        var samples = new GeneratedSample[count];
        for (int k = 0; k < count; k++)
        {
            var stat = result.Statistics[k];
            LinearRecipeChecks.Accept(stat, _solvers, indices[k]);
            PoissonSystem system = systems[k];
            StarPoissonProblem problem = problems[k];
            double[] x = result.Solutions[k]!;
            var u = new double[_grid.Count];
            var mask = system.Mask();
            var source = _grid.Evaluate(problem.Source);
            for (int node = 0; node < u.Length; node++)
            {
                u[node] = mask[node] == 0 ? 0 : x[node];
            }
            samples[k] = new GeneratedSample(indices[k], seeds[k],
                [DarcyRecipeGenerator.ToFloat(u), DarcyRecipeGenerator.ToFloat(mask), DarcyRecipeGenerator.ToFloat(source), DarcyRecipeGenerator.ToFloat(system.BoundaryValues)],
                parameters[k], [stat.Iterations, stat.RelativeResidual, stat.Seconds, system.Unknowns, system.CutArms]);
        }
        return samples;
    }

    /// <summary>The system on all grid nodes: the FD rows at unknown nodes (columns mapped to nodes), identity rows with
    /// right-hand side g (boundary) or 0 (outside) elsewhere. Same solution, fixed size, so Krylov spaces can be recycled.</summary>
    public static LinearSystem Embed(PoissonSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        CsrMatrix a = system.Matrix;
        int nodes = system.Grid.Count;
        var rowPointers = new int[nodes + 1];
        var columns = new List<int>(a.NonZeros + nodes);
        var values = new List<double>(a.NonZeros + nodes);
        var rhs = new double[nodes];
        for (int node = 0; node < nodes; node++)
        {
            int unknown = system.UnknownOfNode[node];
            if (unknown < 0)
            {
                columns.Add(node);
                values.Add(1.0);
                rhs[node] = system.BoundaryValues[node];
            }
            else
            {
                var row = new List<(int Column, double Value)>();
                for (int p = a.RowPointers[unknown]; p < a.RowPointers[unknown + 1]; p++)
                {
                    row.Add((system.NodeOfUnknown[a.ColumnIndices[p]], a.Values[p]));
                }
                foreach (var (column, value) in row.OrderBy(e => e.Column))
                {
                    columns.Add(column);
                    values.Add(value);
                }
                rhs[node] = system.RightHandSide[unknown];
            }
            rowPointers[node + 1] = columns.Count;
        }
        return new LinearSystem(new CsrMatrix(nodes, rowPointers, columns.ToArray(), values.ToArray()), rhs);
    }
}
