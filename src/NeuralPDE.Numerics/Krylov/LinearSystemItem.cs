using NeuralPDE.Numerics.Linear;

namespace NeuralPDE.Numerics.Krylov;

/// <summary>One system of a sequence: its parameter vector (what the ordering compares, e.g. the coefficient field)
/// and a lazy builder of (A, b), called once, when the system is solved.</summary>
public sealed record LinearSystemItem(double[] Parameters, Func<LinearSystem> Build);

/// <summary>An assembled linear system A x = b.</summary>
public sealed record LinearSystem(CsrMatrix Matrix, double[] RightHandSide);
