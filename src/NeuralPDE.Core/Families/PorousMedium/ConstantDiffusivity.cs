using System.Globalization;

namespace NeuralPDE.Core.Families.PorousMedium;

/// <summary>k(u) = k (the heat equation u_t = k Δu); Φ(u) = k u.</summary>
public sealed class ConstantDiffusivity : Diffusivity
{
    public ConstantDiffusivity(double k)
    {
        if (!(k > 0) || !double.IsFinite(k))
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"k must be a finite number > 0, got {k}");
        }
        Value = k;
    }

    public double Value { get; }

    public override double K(double u) => Value;

    public override double DK(double u) => 0;

    public override double Potential(double u) => Value * u;

    public override string Describe() => Value.ToString("G6", CultureInfo.InvariantCulture);
}
