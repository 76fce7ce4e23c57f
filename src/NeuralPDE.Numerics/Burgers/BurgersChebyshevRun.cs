namespace NeuralPDE.Numerics.Burgers;

/// <summary>Node values of a <see cref="BurgersChebyshevSolver"/> run at each output time (boundary nodes included,
/// ordered like <see cref="BurgersChebyshevSolver.Nodes"/>), with the number of steps and the step sizes used.</summary>
public sealed record BurgersChebyshevRun(double[][] Snapshots, int Steps, double MinStep, double MaxStep);
