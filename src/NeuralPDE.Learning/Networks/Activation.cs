namespace NeuralPDE.Learning.Networks;

/// <summary>Hidden-layer nonlinearity of an <see cref="Mlp"/>: tanh (the PINN default) or sin (SIREN-like).</summary>
public enum Activation
{
    Tanh,
    Sin,
}
