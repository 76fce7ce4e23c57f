namespace NeuralPDE.Learning.WalkOnSpheres;

/// <summary>What <see cref="WosFnoTrainer"/> fits the operator to (<c>wos.training.supervision</c>).</summary>
public enum OperatorSupervision
{
    /// <summary>Running-mean walk-on-spheres estimates at the interior grid nodes (WoS-NO): no solver data, no derivatives.</summary>
    Wos,

    /// <summary>Physics-informed (PINO-style): the relative residual of the discrete Shortley–Weller equations
    /// (<see cref="StarResidualLoss"/>) of each sample's problem. No solver data either; the baseline WoS-NO compares with.</summary>
    Residual,
}
