using System.Text.Json.Nodes;
using NeuralPDE.Learning.Fno;
using NeuralPDE.Plots;
using static TorchSharp.torch;

namespace NeuralPDE.Cli.Commands;

/// <summary>Shared output of <c>train --method fno</c> and <c>eval</c>: zero-shot evaluations at finer strides, the
/// console lines, the <c>--json</c> fields and the <c>--plot</c> page.</summary>
public static class FnoReport
{
    /// <summary>Evaluations of the same test samples at every finer stride (stride/2, stride/4, …, 1): zero-shot
    /// super-resolution. Skipped for a pointwise normaliser (tied to the training grid).</summary>
    public static List<FnoEvaluation> ZeroShot(FnoModel model, string data, FnoSettings settings, IReadOnlyList<int> indices, int stride)
    {
        ArgumentNullException.ThrowIfNull(model);
        var results = new List<FnoEvaluation>();
        if (model.InputNormalizer.Mode == NormalizerMode.Pointwise || model.OutputNormalizer.Mode == NormalizerMode.Pointwise)
        {
            return results;
        }
        for (int s = stride / 2; s >= 1; s /= 2)
        {
            if (stride % s != 0)
            {
                continue;
            }
            using var store = Store(data, settings, s);
            results.Add(FnoEvaluation.Run(model, store, indices));
        }
        return results;
    }

    public static FnoSampleStore Store(string data, FnoSettings settings, int stride) =>
        new(data, settings.Pairing, stride, settings.TimeStride, settings.InputSteps, settings.OutputSteps);

    public static string Resolution(FnoEvaluation e) => string.Join("x", e.Resolution);

    public static void Print(FnoEvaluation test, IEnumerable<FnoEvaluation> zeroShot)
    {
        ArgumentNullException.ThrowIfNull(test);
        Console.WriteLine($"relL2     {test.Mean:E3} (mean over {test.Errors.Length} test samples at s = {Resolution(test)}; median {test.Median:E3}, max {test.Max:E3})");
        foreach (FnoEvaluation z in zeroShot)
        {
            Console.WriteLine($"zero-shot {z.Mean:E3} at s = {Resolution(z)} (median {z.Median:E3}, max {z.Max:E3})");
        }
    }

    public static JsonObject Evaluation(FnoEvaluation e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new JsonObject
        {
            ["resolution"] = new JsonArray(e.Resolution.Select(n => (JsonNode)n).ToArray()),
            ["relL2"] = e.Mean,
            ["median"] = e.Median,
            ["max"] = e.Max,
            ["samples"] = new JsonArray(e.Indices.Select(i => (JsonNode)i).ToArray()),
            ["perSample"] = new JsonArray(e.Errors.Select(v => (JsonNode)Math.Round(v, 8)).ToArray()),
        };
    }

    /// <summary>The <c>--plot</c> page: summary, training curves (when there is a history), error histogram and the
    /// first test sample's prediction.</summary>
    public static void Plot(string path, string summary, FnoModel model, FnoSampleStore store, FnoEvaluation test, IReadOnlyList<FnoEpochRecord> history)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(history);
        var report = new OfflineHtmlReport("Fourier neural operator");
        report.Section("Summary", summary);
        if (history.Count > 0)
        {
            double[] epochs = history.Select(h => (double)h.Epoch).ToArray();
            report.Add("training loss and test relative L2 per epoch", LossFigures.LossCurves(epochs, new Dictionary<string, double[]>
            {
                ["train loss"] = history.Select(h => h.TrainLoss).ToArray(),
                ["test relative L2"] = history.Select(h => h.TestRelL2).ToArray(),
            }, "error"));
        }
        report.Add("per-sample test errors", FnoFigures.ErrorHistogram(test.Errors));
        int sample = test.Indices[0];
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var (x, y) = store.Batch([sample]);
        Tensor prediction = model.Predict(x, (int)store.OutputShape[0]);
        double[] Values(Tensor t) => t.to(ScalarType.Float64).contiguous().data<double>().ToArray();
        long[] res = store.Resolution;
        if (res.Length == 1)
        {
            double[] grid = Enumerable.Range(0, (int)res[0]).Select(j => (double)j / res[0]).ToArray();
            report.Add($"sample {sample}", FnoFigures.Lines(grid, new Dictionary<string, double[]>
            {
                ["input"] = Values(x[0, 0]),
                ["target"] = Values(y[0, 0]),
                ["prediction"] = Values(prediction[0, 0]),
            }));
        }
        else
        {
            double[] gx = Enumerable.Range(0, (int)res[0]).Select(j => (double)j / (res[0] - 1)).ToArray();
            double[] gy = Enumerable.Range(0, (int)res[1]).Select(j => (double)j / (res[1] - 1)).ToArray();
            long last = y.shape[1] - 1;
            report.Add($"sample {sample}: target (last channel)", SolutionFigures.Heatmap2D(gx, gy, Values(y[0, last]), null));
            report.Add($"sample {sample}: prediction", SolutionFigures.Heatmap2D(gx, gy, Values(prediction[0, last]), null));
            report.Add($"sample {sample}: error", SolutionFigures.Heatmap2D(gx, gy, Values(prediction[0, last] - y[0, last]), null));
        }
        report.Save(path);
    }
}
