using static TorchSharp.torch;

namespace NeuralPDE.Learning.Pinn;

/// <summary>
/// A soft constraint: a fixed set of points (boundary or initial data) and the residual the model must drive to zero
/// there (e.g. u − g), [N, r]. Its loss is the mean square of the residual, weighted in the total loss.
/// </summary>
public sealed record Constraint(string Name, Tensor Points, Func<Field, Tensor, Tensor> Residual);
