using static TorchSharp.torch;

namespace NeuralPDE.Learning.Optimization;

/// <summary>Evaluates the loss and its gradient at the current parameters (a detached gradient tensor, which the caller owns: it must not belong to an inner dispose scope).</summary>
public delegate (double Loss, Tensor Gradient) LossFunction();
