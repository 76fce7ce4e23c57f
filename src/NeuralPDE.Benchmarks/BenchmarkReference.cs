using NeuralPDE.Core.Metrics;
using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;

namespace NeuralPDE.Benchmarks;

/// <summary>
/// The one reference every method of a problem is compared with, on one grid: the exact solution where the problem has
/// one, sampled on the classical solver's grid, otherwise the classical solution itself. The classical solve that
/// defines the grid is kept (<see cref="Classical"/>) so that the classical row reports it without solving twice.
/// </summary>
public sealed class BenchmarkReference
{
    public BenchmarkReference(ProblemSpec spec, ReferenceSolution classical, double classicalSeconds, double? classicalPeakMemoryMB)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(classical);
        Spec = spec;
        Classical = classical;
        ClassicalSeconds = classicalSeconds;
        ClassicalPeakMemoryMB = classicalPeakMemoryMB;
        Field = classical.PrimaryField;
        IsExact = classical.Exact.ContainsKey(Field);
        Values = IsExact ? classical.Exact[Field].Values : classical.Fields[Field].Values;
        Mask = classical.ExpandedMask();
        Label = IsExact
            ? $"exact {Field} on the {GridText} grid of {classical.Solver}"
            : $"classical reference {Field} ({classical.Solver}) on its {GridText} grid";
    }

    public ProblemSpec Spec { get; }

    /// <summary>The classical solution whose grid is the comparison grid.</summary>
    public ReferenceSolution Classical { get; }

    public double ClassicalSeconds { get; }

    public double? ClassicalPeakMemoryMB { get; }

    /// <summary>The compared field (the problem's primary field, e.g. u).</summary>
    public string Field { get; }

    /// <summary>True when <see cref="Values"/> is the exact solution, false when it is the classical solution.</summary>
    public bool IsExact { get; }

    /// <summary>Reference values on the grid, row-major over <see cref="Axes"/>.</summary>
    public double[] Values { get; }

    /// <summary>1 inside the domain, 0 outside (irregular domains), over the full grid; null when every point counts.</summary>
    public double[]? Mask { get; }

    public IReadOnlyList<GridAxis> Axes => Classical.Axes;

    public int[] Shape => Classical.Shape;

    public string GridText => string.Join(" x ", Classical.Axes.Select(a => $"{a.Name}:{a.Length}"));

    /// <summary>What the reference is, in words.</summary>
    public string Label { get; }

    /// <summary>Relative L2 error of <paramref name="prediction"/> (on the reference grid) against the reference.</summary>
    public double RelativeL2(double[] prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        if (prediction.Length != Values.Length)
        {
            throw new ArgumentException($"prediction has {prediction.Length} values: expected {Values.Length} on the {GridText} grid", nameof(prediction));
        }
        return ErrorNorms.RelativeL2(prediction, Values, Mask);
    }

    /// <summary>|prediction − reference| on the grid (NaN outside the mask).</summary>
    public double[] PointwiseError(double[] prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var error = new double[Values.Length];
        for (int i = 0; i < error.Length; i++)
        {
            error[i] = Mask is not null && Mask[i] == 0 ? double.NaN : Math.Abs(prediction[i] - Values[i]);
        }
        return error;
    }
}
