using static TorchSharp.torch;

namespace NeuralPDE.Learning.Fno;

/// <summary>Per-sample relative L2 errors of a model on a set of samples, with summary statistics.</summary>
public sealed record FnoEvaluation(long[] Resolution, int[] Indices, double[] Errors)
{
    public double Mean => Errors.Length == 0 ? double.NaN : Errors.Average();

    public double Median
    {
        get
        {
            if (Errors.Length == 0)
            {
                return double.NaN;
            }
            double[] s = Errors.Order().ToArray();
            return s.Length % 2 == 1 ? s[s.Length / 2] : 0.5 * (s[s.Length / 2 - 1] + s[s.Length / 2]);
        }
    }

    public double Max => Errors.Length == 0 ? double.NaN : Errors.Max();

    /// <summary>Evaluates <paramref name="model"/> on samples <paramref name="indices"/> of <paramref name="store"/> in
    /// batches (no gradients); the recurrent and space-time variants roll out over the store's target window.</summary>
    public static FnoEvaluation Run(FnoModel model, FnoSampleStore store, IReadOnlyList<int> indices, int batchSize = 50, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(indices);
        model.CheckData(store.InputShape, store.OutputShape, store.Path);
        using var noGrad = no_grad();
        var errors = new double[indices.Count];
        for (int start = 0; start < indices.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            int[] batch = indices.Skip(start).Take(batchSize).ToArray();
            var (x, y) = store.Batch(batch, device);
            Tensor prediction = model.Predict(x, (int)store.OutputShape[0]);
            float[] e = FnoLoss.RelativeLp(prediction, y).cpu().data<float>().ToArray();
            for (int b = 0; b < e.Length; b++)
            {
                errors[start + b] = e[b];
            }
        }
        return new FnoEvaluation(store.Resolution, indices.ToArray(), errors);
    }
}
