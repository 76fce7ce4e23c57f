using NeuralPDE.Core.Families.Poisson;
using NeuralPDE.Core.Geometry;
using NeuralPDE.Data.Reading;

namespace NeuralPDE.Learning.WalkOnSpheres;

/// <summary>
/// Samples of a <c>poisson-star</c> dataset (recipe datasets/poisson-star.json) as a WoS-supervised operator sees them.
/// Each sample's problem (star domain, Gaussian sources, Fourier boundary data) is rebuilt from its stored
/// <c>parameters</c> row, and checked against the stored <c>source</c> and <c>boundary</c> arrays. Operator inputs, 4
/// channels on the dataset grid: the closed-domain <c>mask</c>, the distance to the boundary (positive inside,
/// negative outside), the boundary data extended into the plane as g(θ) (constant along rays from the star's centre)
/// and the source f. The finite-difference solution (<c>tensor</c>) is kept as <see cref="Reference"/> for
/// evaluation only; a trainer must never fit it.
/// </summary>
public sealed class StarPoissonOperatorData
{
    public const int Channels = 4;

    public static readonly string[] ChannelNames = ["mask", "distance", "boundary data g(θ)", "source f"];

    public static readonly string[] RequiredArrays = ["tensor", "mask", "source", "boundary"];

    private StarPoissonOperatorData(string path, NodeGrid2D grid, int[] indices, StarPoissonProblem[] problems,
        float[][] inputs, float[][] masks, float[][] reference)
    {
        Path = path;
        Grid = grid;
        Indices = indices;
        Problems = problems;
        Inputs = inputs;
        Masks = masks;
        Reference = reference;
    }

    public string Path { get; }

    /// <summary>The dataset grid (nodes x_i, y_j; row-major [x, y] like the arrays).</summary>
    public NodeGrid2D Grid { get; }

    /// <summary>Sample indices in the file.</summary>
    public int[] Indices { get; }

    public StarPoissonProblem[] Problems { get; }

    /// <summary>Per sample, [Channels, X, Y] row-major.</summary>
    public float[][] Inputs { get; }

    /// <summary>Per sample, the closed-domain mask [X, Y] (1 inside and on the boundary).</summary>
    public float[][] Masks { get; }

    /// <summary>Per sample, the finite-difference solution [X, Y] (0 outside): for evaluation only.</summary>
    public float[][] Reference { get; }

    public int Count => Indices.Length;

    /// <summary>Throws a one-line <see cref="InvalidDataException"/> unless the file has the poisson-star layout.</summary>
    public static void Check(DatasetReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string[] missing = RequiredArrays.Where(a => !reader.Has(a)).Concat(reader.Has("parameters") ? [] : ["parameters"]).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidDataException($"{reader.Path}: --method wos needs a poisson-star dataset (arrays {string.Join(", ", RequiredArrays)} and the star parameters); missing: {string.Join(", ", missing)}");
        }
        int[] shape = reader.Shape("tensor");
        if (shape.Length != 4 || shape[1] != 1 || !reader.Shape("mask").SequenceEqual([shape[0], shape[2], shape[3]]))
        {
            throw new InvalidDataException($"{reader.Path}: expected tensor [N, 1, X, Y] and mask [N, X, Y], got tensor [{string.Join(", ", shape)}] and mask [{string.Join(", ", reader.Shape("mask"))}]");
        }
        string[] names = reader.Parameters().Names;
        string[] needed = ["r0", "c1", "c2", "a0"];
        string[] absent = needed.Where(n => !names.Contains(n)).ToArray();
        if (absent.Length > 0)
        {
            throw new InvalidDataException($"{reader.Path}: the parameters table lacks the star parameters {string.Join(", ", absent)} (not a poisson-star dataset)");
        }
    }

    /// <summary>Loads samples <paramref name="indices"/> of the file at <paramref name="path"/>.</summary>
    public static StarPoissonOperatorData Load(string path, IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        using var reader = new DatasetReader(path);
        Check(reader);
        double[] xs = reader.Coordinate("x"), ys = reader.Coordinate("y");
        int nx = xs.Length, ny = ys.Length;
        int[] shape = reader.Shape("tensor");
        if (shape[2] != nx || shape[3] != ny)
        {
            throw new InvalidDataException($"{path}: x-/y-coordinate ({nx}, {ny}) do not match tensor [{string.Join(", ", shape)}]");
        }
        double halfWidth = reader.NumberAttribute("halfWidth") ?? Math.Max(Math.Abs(xs[0]), Math.Abs(xs[^1]));
        var grid = new NodeGrid2D(xs[0], xs[^1], nx, ys[0], ys[^1], ny);
        var (names, table) = reader.Parameters();
        int columns = names.Length;
        var problems = new StarPoissonProblem[indices.Count];
        var inputs = new float[indices.Count][];
        var masks = new float[indices.Count][];
        var reference = new float[indices.Count][];
        int plane = nx * ny;
        for (int s = 0; s < indices.Count; s++)
        {
            int index = indices[s];
            StarPoissonProblem problem = FromParameters(names, table.AsSpan(index * columns, columns), halfWidth);
            float[] mask = reader.Read(index, "mask", out _);
            float[] source = reader.Read(index, "source", out _);
            float[] boundary = reader.Read(index, "boundary", out _);
            CheckConsistent(path, index, grid, problem, source, boundary);
            StarDomain domain = problem.Domain();
            var input = new float[Channels * plane];
            for (int i = 0; i < nx; i++)
            {
                double x = grid.X(i);
                for (int j = 0; j < ny; j++)
                {
                    double y = grid.Y(j);
                    int k = grid.Index(i, j);
                    input[k] = mask[k];
                    input[plane + k] = (float)-domain.SignedDistance(x, y);
                    input[2 * plane + k] = (float)problem.Boundary(x, y);
                    input[3 * plane + k] = source[k];
                }
            }
            problems[s] = problem;
            inputs[s] = input;
            masks[s] = mask;
            reference[s] = reader.Read(index, "tensor", out _);
        }
        return new StarPoissonOperatorData(path, grid, indices.ToArray(), problems, inputs, masks, reference);
    }

    /// <summary>The problem of one parameters row (columns r0, c1, c2, amplitude_k, centerX_k, centerY_k, width_k, a0,
    /// a_k, b_k as the poisson-star recipe writes them).</summary>
    public static StarPoissonProblem FromParameters(IReadOnlyList<string> names, ReadOnlySpan<double> row, double halfWidth)
    {
        ArgumentNullException.ThrowIfNull(names);
        var column = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int c = 0; c < names.Count; c++)
        {
            column[names[c]] = row[c];
        }
        double Get(string name) => column.TryGetValue(name, out double v) ? v : throw new InvalidDataException($"poisson-star parameters: missing column '{name}'");
        int sources = 0;
        while (column.ContainsKey($"amplitude{sources}"))
        {
            sources++;
        }
        int modes = 0;
        while (column.ContainsKey($"a{modes + 1}"))
        {
            modes++;
        }
        var amplitudes = new double[sources];
        var cx = new double[sources];
        var cy = new double[sources];
        var widths = new double[sources];
        for (int k = 0; k < sources; k++)
        {
            amplitudes[k] = Get($"amplitude{k}");
            cx[k] = Get($"centerX{k}");
            cy[k] = Get($"centerY{k}");
            widths[k] = Get($"width{k}");
        }
        var cos = new double[modes + 1];
        var sin = new double[modes];
        cos[0] = Get("a0");
        for (int k = 1; k <= modes; k++)
        {
            cos[k] = Get($"a{k}");
            sin[k - 1] = Get($"b{k}");
        }
        return new StarPoissonProblem(Get("r0"), Get("c1"), Get("c2"), halfWidth, amplitudes, cx, cy, widths, cos, sin);
    }

    /// <summary>The rebuilt problem must reproduce the stored source everywhere and g at the stored boundary nodes.</summary>
    private static void CheckConsistent(string path, int index, NodeGrid2D grid, StarPoissonProblem problem, float[] source, float[] boundary)
    {
        double worstSource = 0, worstBoundary = 0, scale = 1;
        for (int i = 0; i < grid.NX; i++)
        {
            for (int j = 0; j < grid.NY; j++)
            {
                int k = grid.Index(i, j);
                double f = problem.Source(grid.X(i), grid.Y(j));
                scale = Math.Max(scale, Math.Abs(f));
                worstSource = Math.Max(worstSource, Math.Abs(f - source[k]));
                if (boundary[k] != 0)
                {
                    worstBoundary = Math.Max(worstBoundary, Math.Abs(problem.Boundary(grid.X(i), grid.Y(j)) - boundary[k]));
                }
            }
        }
        if (worstSource > 1e-4 * scale || worstBoundary > 1e-4)
        {
            throw new InvalidDataException(FormattableString.Invariant(
                $"{path}: sample {index}: its parameters do not reproduce the stored {(worstSource > 1e-4 * scale ? "source" : "boundary")} array (max difference {Math.Max(worstSource, worstBoundary):G3}; not a poisson-star dataset?)"));
        }
    }
}
