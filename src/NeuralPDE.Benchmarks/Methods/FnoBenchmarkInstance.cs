using NeuralPDE.Core.Metrics;
using NeuralPDE.Core.Solutions;
using NeuralPDE.Learning.Fno;

namespace NeuralPDE.Benchmarks.Methods;

/// <summary>
/// The benchmark instance (the problem spec's own parameters and seed, solved by the classical reference) as an FNO
/// input, and the reference values the FNO's output is compared with, by the spec's pairing:
/// <list type="bullet">
/// <item>coefficient-solution (Darcy): the reference's coefficient field a ↦ u on the whole reference grid;</item>
/// <item>first-last (Burgers): the reference's u(·, 0) ↦ u(·, tEnd), the last time row of the reference grid;</item>
/// <item>time-window (vorticity): the reference's first <c>inputSteps</c> snapshots ↦ the next <c>outputSteps</c>
/// (every <c>timeStride</c>-th snapshot, as in the dataset).</item>
/// </list>
/// </summary>
public sealed class FnoBenchmarkInstance
{
    private FnoBenchmarkInstance(float[] input, long[] inputShape, int[] targetIndices, int outputChannels, string description)
    {
        Input = input;
        InputShape = inputShape;
        TargetIndices = targetIndices;
        OutputChannels = outputChannels;
        Description = description;
    }

    /// <summary>The input [C_in, n1, …] (float32, row-major).</summary>
    public float[] Input { get; }

    public long[] InputShape { get; }

    /// <summary>Spatial sizes [n1, …] of the input.</summary>
    public long[] Resolution => InputShape[1..];

    /// <summary>For each output value (channel-major, then row-major space), its index in the reference values.</summary>
    public int[] TargetIndices { get; }

    public int OutputChannels { get; }

    /// <summary>What is predicted, in words.</summary>
    public string Description { get; }

    /// <summary>True when the prediction covers every point of the reference grid.</summary>
    public bool CoversGrid(BenchmarkReference reference) => reference is not null && TargetIndices.Length == reference.Values.Length;

    public static FnoBenchmarkInstance From(BenchmarkReference reference, FnoSettings settings)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(settings);
        IReadOnlyList<GridAxis> axes = reference.Axes;
        string grid = reference.GridText;
        switch (settings.Pairing)
        {
            case FnoPairing.CoefficientSolution:
            {
                FieldData coefficient = reference.Classical.Coefficient
                    ?? throw new InvalidOperationException($"fno: the classical solution of {reference.Spec.Name} has no coefficient field to feed the coefficient-solution FNO");
                if (axes.Count != 2 || coefficient.Values.Length != reference.Values.Length)
                {
                    throw new InvalidOperationException($"fno: coefficient-solution needs a 2-D reference grid with the coefficient on it, got {grid}");
                }
                return new FnoBenchmarkInstance(ToFloat(coefficient.Values), [1, axes[0].Length, axes[1].Length],
                    Enumerable.Range(0, reference.Values.Length).ToArray(), 1, $"coefficient {coefficient.Name} -> {reference.Field} on the {grid} grid");
            }
            case FnoPairing.FirstLast:
            {
                if (axes.Count != 2 || axes[0].Name != "t")
                {
                    throw new InvalidOperationException($"fno: first-last needs a (t, x) reference grid, got {grid}");
                }
                int nt = axes[0].Length, nx = axes[1].Length;
                double[] initial = reference.Classical.Fields[reference.Field].Values[..nx];
                return new FnoBenchmarkInstance(ToFloat(initial), [1, nx], Enumerable.Range((nt - 1) * nx, nx).ToArray(), 1,
                    $"{reference.Field}(x, t = {axes[0].Values[0]:G3}) -> {reference.Field}(x, t = {axes[0].Values[^1]:G3}) on the {nx} x points of the reference");
            }
            default:
            {
                if (axes.Count != 3 || axes[0].Name != "t")
                {
                    throw new InvalidOperationException($"fno: time-window needs a (t, x, y) reference grid, got {grid}");
                }
                int nt = axes[0].Length, plane = axes[1].Length * axes[2].Length, stride = settings.TimeStride;
                int last = (settings.InputSteps + settings.OutputSteps - 1) * stride;
                if (last >= nt)
                {
                    throw new InvalidOperationException($"fno: inputSteps + outputSteps = {settings.InputSteps + settings.OutputSteps} snapshots (time stride {stride}) exceed the {nt} reference times");
                }
                double[] values = reference.Classical.Fields[reference.Field].Values;
                var input = new double[settings.InputSteps * plane];
                for (int k = 0; k < settings.InputSteps; k++)
                {
                    Array.Copy(values, k * stride * plane, input, k * plane, plane);
                }
                int[] targets = Enumerable.Range(0, settings.OutputSteps)
                    .SelectMany(k => Enumerable.Range((settings.InputSteps + k) * stride * plane, plane)).ToArray();
                double[] t = axes[0].Values;
                return new FnoBenchmarkInstance(ToFloat(input), [settings.InputSteps, axes[1].Length, axes[2].Length], targets, settings.OutputSteps,
                    $"{reference.Field} at t = {t[0]:G3}..{t[(settings.InputSteps - 1) * stride]:G3} -> t = {t[settings.InputSteps * stride]:G3}..{t[last]:G3} on the {axes[1].Length} x {axes[2].Length} reference grid");
            }
        }
    }

    /// <summary>A coefficient-solution instance on every other node of its (2m + 1) x (2k + 1) grid: the input at nodes
    /// (2i, 2j), the same points of the square as an (m + 1) x (k + 1) grid's nodes. Its output is brought back to the
    /// full grid by <see cref="Refine"/>, so the target indices stay those of the full grid.</summary>
    public FnoBenchmarkInstance EveryOtherNode()
    {
        if (InputShape.Length != 3 || InputShape[1] % 2 == 0 || InputShape[2] % 2 == 0)
        {
            throw new InvalidOperationException($"fno: every other node needs a 2-D grid with odd node counts, got [{string.Join(", ", InputShape)}]");
        }
        int n0 = (int)InputShape[1], n1 = (int)InputShape[2], m0 = n0 / 2 + 1, m1 = n1 / 2 + 1;
        var input = new float[m0 * m1];
        for (int i = 0; i < m0; i++)
        {
            for (int j = 0; j < m1; j++)
            {
                input[i * m1 + j] = Input[2 * i * n1 + 2 * j];
            }
        }
        return new FnoBenchmarkInstance(input, [1, m0, m1], TargetIndices, OutputChannels, Description);
    }

    /// <summary>Values on an m0 x m1 node grid → the (2 m0 − 1) x (2 m1 − 1) grid through them: copied at the shared
    /// nodes, bilinear (the mean of the 2 or 4 neighbours) between them.</summary>
    public static double[] Refine(double[] coarse, int m0, int m1)
    {
        ArgumentNullException.ThrowIfNull(coarse);
        int n0 = 2 * m0 - 1, n1 = 2 * m1 - 1;
        var fine = new double[n0 * n1];
        double At(int i, int j) => coarse[i * m1 + j];
        for (int i = 0; i < n0; i++)
        {
            for (int j = 0; j < n1; j++)
            {
                int ci = i / 2, cj = j / 2;
                bool oi = i % 2 == 1, oj = j % 2 == 1;
                fine[i * n1 + j] = (oi, oj) switch
                {
                    (false, false) => At(ci, cj),
                    (true, false) => 0.5 * (At(ci, cj) + At(ci + 1, cj)),
                    (false, true) => 0.5 * (At(ci, cj) + At(ci, cj + 1)),
                    _ => 0.25 * (At(ci, cj) + At(ci + 1, cj) + At(ci, cj + 1) + At(ci + 1, cj + 1)),
                };
            }
        }
        return fine;
    }

    /// <summary>The reference values at <see cref="TargetIndices"/>.</summary>
    public double[] Target(BenchmarkReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return TargetIndices.Select(i => reference.Values[i]).ToArray();
    }

    /// <summary>Relative L2 error of <paramref name="prediction"/> (ordered as <see cref="TargetIndices"/>) against the
    /// reference at those points, the reference's mask applied.</summary>
    public double RelativeL2(BenchmarkReference reference, double[] prediction)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(prediction);
        if (prediction.Length != TargetIndices.Length)
        {
            throw new ArgumentException($"fno prediction has {prediction.Length} values: expected {TargetIndices.Length}", nameof(prediction));
        }
        double[]? mask = reference.Mask is null ? null : TargetIndices.Select(i => reference.Mask[i]).ToArray();
        return ErrorNorms.RelativeL2(prediction, Target(reference), mask);
    }

    private static float[] ToFloat(double[] values) => values.Select(v => (float)v).ToArray();
}
