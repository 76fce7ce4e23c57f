using static TorchSharp.torch;

namespace NeuralPDE.Learning.Pinn;

/// <summary>A (hard-constrained) model of the physical fields: inputs [N, d] → outputs [N, k].</summary>
public delegate Tensor Field(Tensor x);

/// <summary>Derivatives of point-wise fields by reverse-mode autograd, keeping the graph so that they can be
/// differentiated again (second and third derivatives) and trained through.</summary>
public static class Autodiff
{
    /// <summary>∂y/∂x row by row: y is [N] or [N, 1] and depends on row i of x [N, d] only; result [N, d].
    /// A y that does not depend on x gives zeros.</summary>
    public static Tensor Gradient(Tensor y, Tensor x)
    {
        if (y.shape[0] != x.shape[0] || y.numel() != x.shape[0])
        {
            throw new ArgumentException($"gradient of a [{string.Join(", ", y.shape)}] tensor by [{string.Join(", ", x.shape)}] inputs: expected one value per input row");
        }
        if (!y.requires_grad)
        {
            return zeros_like(x);
        }
        var g = autograd.grad([y], [x], [ones_like(y)], retain_graph: true, create_graph: true, allow_unused: true);
        Tensor? result = g.Count > 0 ? g[0] : null;
        return result is null || result.IsInvalid ? zeros_like(x) : result;
    }

    /// <summary>Column j of a [N, d] tensor as [N, 1].</summary>
    public static Tensor Column(Tensor t, int j) => t.narrow(1, j, 1);
}
