using static TorchSharp.torch;

namespace NeuralPDE.Learning.Pinn;

/// <summary>Tensors from managed arrays in memory that libtorch allocated itself (64-byte aligned). Kernels whose
/// rounding depends on alignment (vectorised BLAS dot products and reductions) then give the same bits whether a tensor
/// was computed or restored from a checkpoint, which bit-identical resumption needs.</summary>
public static class TensorData
{
    public static Tensor FromArray(double[] values, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(values);
        using var wrapped = tensor(values, dtype: ScalarType.Float64);
        return wrapped.to_type(dtype, copy: true).contiguous().clone();
    }
}
