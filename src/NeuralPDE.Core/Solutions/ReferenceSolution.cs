using NeuralPDE.Core.Metrics;

namespace NeuralPDE.Core.Solutions;

/// <summary>
/// The result of a reference solver: fields on a tensor-product grid (axes in order), the exact
/// solution where one is known, an optional domain mask (1 inside, 0 outside) for irregular
/// domains, an optional coefficient field (Darcy's <c>a</c>, stored as <c>nu</c> in HDF5), and solver
/// statistics (iterations, residuals, seconds, time steps...).
/// </summary>
public sealed class ReferenceSolution
{
    public ReferenceSolution(string problem, string solver, IReadOnlyList<GridAxis> axes, string primaryField)
    {
        Problem = problem;
        Solver = solver;
        Axes = axes;
        PrimaryField = primaryField;
    }

    public string Problem { get; }

    /// <summary>Solver name and settings in one short string, e.g. <c>chebyshev(N=128, dt=1e-4)</c>.</summary>
    public string Solver { get; }

    /// <summary>Grid axes in storage order, e.g. [t, x] or [x, y] or [t, x, y].</summary>
    public IReadOnlyList<GridAxis> Axes { get; }

    /// <summary>The field that <c>relL2</c> and the default plot refer to (usually <c>u</c> or <c>omega</c>).</summary>
    public string PrimaryField { get; }

    public Dictionary<string, FieldData> Fields { get; } = new(StringComparer.Ordinal);

    /// <summary>Exact solution, keyed like <see cref="Fields"/>, where one exists.</summary>
    public Dictionary<string, FieldData> Exact { get; } = new(StringComparer.Ordinal);

    /// <summary>Domain mask on the spatial grid (1 inside, 0 outside) for irregular domains.</summary>
    public FieldData? Mask { get; set; }

    /// <summary>Coefficient field (e.g. Darcy permeability) on the spatial grid.</summary>
    public FieldData? Coefficient { get; set; }

    /// <summary>Solver statistics: numbers (iterations, seconds, residuals) keyed by name.</summary>
    public Dictionary<string, double> Statistics { get; } = new(StringComparer.Ordinal);

    public int[] Shape => Axes.Select(a => a.Length).ToArray();

    public FieldData Primary => Fields[PrimaryField];

    /// <summary>Adds a field whose shape is the grid shape.</summary>
    public ReferenceSolution AddField(string name, double[] values)
    {
        Fields[name] = new FieldData(name, Shape, values);
        return this;
    }

    /// <summary>Adds an exact field whose shape is the grid shape.</summary>
    public ReferenceSolution AddExact(string name, double[] values)
    {
        Exact[name] = new FieldData(name, Shape, values);
        return this;
    }

    /// <summary>Relative L2 error of <paramref name="field"/> (default: primary) against the exact
    /// solution, over the mask when there is one; null when no exact solution is known.</summary>
    public double? RelativeL2(string? field = null)
    {
        field ??= PrimaryField;
        if (!Exact.TryGetValue(field, out FieldData? exact) || !Fields.TryGetValue(field, out FieldData? approx))
        {
            return null;
        }
        return ErrorNorms.RelativeL2(approx.Values, exact.Values, ExpandedMask());
    }

    /// <summary>Max abs error of <paramref name="field"/> against the exact solution, or null.</summary>
    public double? MaxAbsError(string? field = null)
    {
        field ??= PrimaryField;
        if (!Exact.TryGetValue(field, out FieldData? exact) || !Fields.TryGetValue(field, out FieldData? approx))
        {
            return null;
        }
        return ErrorNorms.MaxAbs(approx.Values, exact.Values, ExpandedMask());
    }

    /// <summary>The mask broadcast over leading (time) axes to the full grid, or null.</summary>
    public double[]? ExpandedMask()
    {
        if (Mask is null)
        {
            return null;
        }
        int total = Shape.Aggregate(1, (a, b) => a * b);
        if (Mask.Values.Length == total)
        {
            return Mask.Values;
        }
        var full = new double[total];
        int inner = Mask.Values.Length;
        for (int i = 0; i < total; i++)
        {
            full[i] = Mask.Values[i % inner];
        }
        return full;
    }
}
