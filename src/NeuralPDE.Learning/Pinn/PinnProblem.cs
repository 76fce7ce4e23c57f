using NeuralPDE.Core.Solutions;
using static TorchSharp.torch;

namespace NeuralPDE.Learning.Pinn;

/// <summary>
/// A PDE posed for a physics-informed network: the input box, the hard-constraint output transform, the PDE residual
/// (by autograd, written once per family and used both for training and for checking against exact solutions), the
/// soft constraints, and the evaluation against the exact or reference solution.
/// </summary>
public abstract class PinnProblem
{
    /// <summary>Problem name (the spec's).</summary>
    public abstract string Name { get; }

    /// <summary>Input coordinate names, e.g. [t, x] or [x, y].</summary>
    public abstract string[] Inputs { get; }

    /// <summary>Network outputs, e.g. [u] or [psi, p].</summary>
    public abstract string[] Outputs { get; }

    /// <summary>Lower corner of the box that contains the domain.</summary>
    public abstract double[] Lower { get; }

    /// <summary>Upper corner of the box that contains the domain.</summary>
    public abstract double[] Upper { get; }

    /// <summary>Index of the time input (for causal weighting), or −1 for a steady problem.</summary>
    public virtual int TimeInput => -1;

    /// <summary>Membership test for non-box domains (rejection sampling), or null for the whole box.</summary>
    public virtual Func<double[], bool>? Inside => null;

    /// <summary>Human-readable description of how boundary and initial conditions are imposed.</summary>
    public virtual string ConstraintDescription => "soft";

    /// <summary>Physical fields from raw network outputs (hard constraints); identity by default.</summary>
    public virtual Tensor Transform(Tensor x, Tensor network) => network;

    /// <summary>What the network sees at the points <paramref name="x"/> [N, inputs]: the coordinates by default; a
    /// family may append derived features (such as an angle about a singular corner) so that the network can resolve
    /// them. Must be differentiable in <paramref name="x"/>, with <see cref="FeatureLower"/>.Length columns.</summary>
    public virtual Tensor Features(Tensor x) => x;

    /// <summary>Lower bounds of the network's input features (the network scales each to [−1, 1]); the box by default.</summary>
    public virtual double[] FeatureLower => Lower;

    /// <summary>Upper bounds of the network's input features; the box by default.</summary>
    public virtual double[] FeatureUpper => Upper;

    /// <summary>Number of raw network outputs that <see cref="Transform"/> maps to the <see cref="Outputs"/>; one per
    /// output by default.</summary>
    public virtual int NetworkOutputs => Outputs.Length;

    /// <summary>The model of the physical fields at <paramref name="x"/> from the network (a function of the network's
    /// input features): <see cref="Transform"/> of the network at <see cref="Features"/>(x) by default. A family whose
    /// features depend on the network itself (such as a coordinate relative to a learned moving front, read off a
    /// second evaluation of the network) overrides this; it may return extra columns after the <see cref="Outputs"/>.</summary>
    public virtual Tensor Apply(Tensor x, Func<Tensor, Tensor> network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return Transform(x, network(Features(x)));
    }

    /// <summary>PDE residual [N, r] of <paramref name="field"/> at <paramref name="x"/> (which requires grad).</summary>
    public abstract Tensor Residual(Field field, Tensor x);

    /// <summary>Soft constraints (boundary, initial data) with points drawn from <paramref name="seed"/>.</summary>
    public virtual IReadOnlyList<Constraint> Constraints(int seed, ScalarType dtype) => [];

    /// <summary>Evaluates a trained model on the comparison grid.</summary>
    public abstract PinnEvaluation Evaluate(Field field, ScalarType dtype);

    /// <summary>The trained model's fields on the tensor grid spanned by <paramref name="axes"/> (row-major, the first
    /// axis slowest). The axes are matched to <see cref="Inputs"/> by name, in any order; the result holds one array per
    /// output (a family with derived fields, such as the velocity of a stream function, overrides this).</summary>
    public virtual IReadOnlyDictionary<string, double[]> Predict(Field field, IReadOnlyList<GridAxis> axes, ScalarType dtype)
    {
        double[] points = InputPoints(axes);
        var result = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (int o = 0; o < Outputs.Length; o++)
        {
            result[Outputs[o]] = Sample(field, points, Inputs.Length, o, dtype);
        }
        return result;
    }

    /// <summary>Row-major points of the tensor grid of <paramref name="axes"/>, each ordered as <see cref="Inputs"/>.</summary>
    public double[] InputPoints(IReadOnlyList<GridAxis> axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        string[] names = axes.Select(a => a.Name).ToArray();
        if (names.Length != Inputs.Length || Inputs.Any(i => !names.Contains(i, StringComparer.Ordinal)))
        {
            throw new ArgumentException($"grid axes ({string.Join(", ", names)}): expected the inputs of {Name} ({string.Join(", ", Inputs)})", nameof(axes));
        }
        int[] slot = names.Select(n => Array.IndexOf(Inputs, n)).ToArray();
        long count = axes.Aggregate(1L, (c, a) => c * a.Length);
        var points = new double[count * Inputs.Length];
        var index = new int[axes.Count];
        for (long p = 0; p < count; p++)
        {
            for (int d = 0; d < axes.Count; d++)
            {
                points[p * Inputs.Length + slot[d]] = axes[d].Values[index[d]];
            }
            for (int d = axes.Count - 1; d >= 0; d--)
            {
                if (++index[d] < axes[d].Length)
                {
                    break;
                }
                index[d] = 0;
            }
        }
        return points;
    }

    /// <summary>Field values at many points, in chunks (gradients enabled so that derived fields such as u = ψ_y work).</summary>
    public static double[] Sample(Field field, double[] points, int inputs, int output, ScalarType dtype, Func<Tensor, Tensor, Tensor>? derive = null, int chunk = 8192)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(points);
        int n = points.Length / inputs;
        var values = new double[n];
        for (int start = 0; start < n; start += chunk)
        {
            using var scope = NewDisposeScope();
            int m = Math.Min(chunk, n - start);
            var slice = new double[m * inputs];
            Array.Copy(points, (long)start * inputs, slice, 0, slice.Length);
            Tensor x = tensor(slice, dtype: dtype).reshape(m, inputs).requires_grad_(derive is not null);
            Tensor y = field(x);
            Tensor column = derive is null ? y.narrow(1, output, 1) : derive(x, y);
            double[] chunkValues = column.detach().to_type(ScalarType.Float64).reshape(m).data<double>().ToArray();
            Array.Copy(chunkValues, 0, values, start, m);
        }
        return values;
    }

    /// <summary>Row-major [n0 * n1, 2] points of the tensor grid a × b (a slow).</summary>
    public static double[] GridPoints(double[] a, double[] b)
    {
        var p = new double[a.Length * b.Length * 2];
        int k = 0;
        foreach (double va in a)
        {
            foreach (double vb in b)
            {
                p[k++] = va;
                p[k++] = vb;
            }
        }
        return p;
    }
}
