namespace NeuralPDE.Learning.WalkOnSpheres;

/// <summary>How the pointwise network is trained in <see cref="StarPoissonMlpTrainer"/>.</summary>
public enum SupervisionMethod
{
    /// <summary>Physics-informed: mean squared PDE residual −Δu − f at fresh random interior points (second derivatives by autograd).</summary>
    Pinn,

    /// <summary>Walk-on-spheres: mean squared misfit to running-mean WoS targets at a pool of interior points (no derivatives).</summary>
    Wos,
}
