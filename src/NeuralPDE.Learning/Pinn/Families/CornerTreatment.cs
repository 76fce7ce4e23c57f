namespace NeuralPDE.Learning.Pinn.Families;

/// <summary>How <see cref="CavityHardPinn"/> represents the singular lid corners.</summary>
public enum CornerTreatment
{
    /// <summary>u's angular profile at the corners is L's; the pressure is smooth.</summary>
    None,

    /// <summary>The network sees L (the corner angle) and the velocity bubble is 4 L (1 − L), O(1) at the corners.</summary>
    Angular,

    /// <summary>Angular, plus a ν/r pressure mode about each corner.</summary>
    AngularPressure,
}
