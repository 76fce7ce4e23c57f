namespace NeuralPDE.Learning.WalkOnSpheres;

/// <summary>What <see cref="WosFnoTrainer"/> fits the operator to (<c>wos.training.supervision</c>).</summary>
public enum OperatorSupervision
{
    /// <summary>Running-mean walk-on-spheres estimates at the interior grid nodes (WoS-NO): no solver data, no derivatives.</summary>
    Wos,

    /// <summary>Physics-informed on a stencil (PINO-style): the relative residual of the discrete Shortley–Weller
    /// equations (<see cref="StarResidualLoss"/>) of each sample's problem. No solver data, no autograd derivatives.</summary>
    Residual,

    /// <summary>Physics-informed by autograd, the baseline WoS-NO compares with: −Δu − f at random points in each star,
    /// Δu by second derivatives through the operator evaluated between nodes (<see cref="StarCollocationLoss"/>), plus
    /// u − g at random boundary points.</summary>
    Autograd,
}
