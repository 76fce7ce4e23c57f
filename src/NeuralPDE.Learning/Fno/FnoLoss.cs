using static TorchSharp.torch;

namespace NeuralPDE.Learning.Fno;

/// <summary>The training loss: relative Lp or relative H1.</summary>
public enum FnoLossKind
{
    RelativeLp,
    RelativeH1,
}

/// <summary>
/// Per-sample relative errors of a prediction ŷ against y, both [B, C, n1, …, nd]:
/// relative Lp: ‖ŷ − y‖_p / ‖y‖_p over all channels and points of a sample (FNO's LpLoss; the grid weights cancel);
/// relative H1: sqrt(Σ|e|² + Σ_k |D_k e|²) / sqrt(Σ|y|² + Σ_k |D_k y|²), D_k the forward difference along axis k
/// divided by h_k = 1/n_k (periodic wrap-around), a discrete H1 seminorm plus L2.
/// </summary>
public static class FnoLoss
{
    /// <summary>Per-sample relative Lp errors [B].</summary>
    public static Tensor RelativeLp(Tensor prediction, Tensor target, double p = 2)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        CheckShapes(prediction, target);
        using var scope = NewDisposeScope();
        long batch = target.shape[0];
        Tensor diff = linalg.vector_norm((prediction - target).reshape(batch, -1), p, dims: [1]);
        Tensor norm = linalg.vector_norm(target.reshape(batch, -1), p, dims: [1]);
        return (diff / norm).MoveToOuterDisposeScope();
    }

    /// <summary>Per-sample relative H1 errors [B].</summary>
    public static Tensor RelativeH1(Tensor prediction, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        CheckShapes(prediction, target);
        using var scope = NewDisposeScope();
        Tensor num = SquaredH1(prediction - target);
        Tensor den = SquaredH1(target);
        return (num / den).sqrt().MoveToOuterDisposeScope();
    }

    /// <summary>The mean over the batch of the chosen per-sample loss.</summary>
    public static Tensor Mean(FnoLossKind kind, Tensor prediction, Tensor target, double p = 2)
    {
        using Tensor perSample = kind == FnoLossKind.RelativeH1 ? RelativeH1(prediction, target) : RelativeLp(prediction, target, p);
        return perSample.mean();
    }

    private static Tensor SquaredH1(Tensor e)
    {
        long batch = e.shape[0];
        Tensor sum = e.square().reshape(batch, -1).sum(1);
        for (int axis = 2; axis < e.dim(); axis++)
        {
            long n = e.shape[axis];
            Tensor d = (e.roll(-1, axis) - e) * n;
            sum = sum + d.square().reshape(batch, -1).sum(1);
        }
        return sum;
    }

    private static void CheckShapes(Tensor prediction, Tensor target)
    {
        if (!prediction.shape.SequenceEqual(target.shape))
        {
            throw new ArgumentException(
                $"fno loss: prediction [{string.Join(", ", prediction.shape)}] and target [{string.Join(", ", target.shape)}] differ");
        }
    }
}
