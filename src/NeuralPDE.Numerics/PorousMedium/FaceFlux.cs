using NeuralPDE.Core.Families.PorousMedium;

namespace NeuralPDE.Numerics.PorousMedium;

/// <summary>A face flux value F (positive from the left cell to the right one) with its partial derivatives.</summary>
public readonly record struct FaceFluxValue(double Flux, double DLeft, double DRight);

/// <summary>
/// Two-point finite-volume flux F(u_L, u_R) = −k_face (u_R − u_L)/d for u_t = div(k(u) grad u), with the face
/// diffusivity chosen by <see cref="FaceMean"/>. <see cref="Evaluate"/> gives the exact partial derivatives
/// (Newton) or, with <c>picard</c>, those of the frozen-coefficient flux −k_face (u_R − u_L)/d with k_face held
/// fixed (a Picard/lagged-diffusivity iteration). Either way each face's flux enters its two cells with opposite
/// signs, so the discrete mass balance holds exactly for any iterate.
/// </summary>
public sealed class FaceFlux
{
    public FaceFlux(Diffusivity diffusivity, FaceMean mean)
    {
        Diffusivity = diffusivity;
        Mean = mean;
    }

    public Diffusivity Diffusivity { get; }

    public FaceMean Mean { get; }

    /// <summary>Flux and partials for cell values <paramref name="uL"/>, <paramref name="uR"/> a distance <paramref name="d"/> apart.</summary>
    public FaceFluxValue Evaluate(double uL, double uR, double d, bool picard)
    {
        Diffusivity k = Diffusivity;
        double du = uR - uL;
        switch (Mean)
        {
            case FaceMean.Kirchhoff:
            {
                double flux = -(k.Potential(uR) - k.Potential(uL)) / d;
                if (!picard)
                {
                    return new FaceFluxValue(flux, k.K(uL) / d, -k.K(uR) / d);
                }
                double kf = du != 0 ? (k.Potential(uR) - k.Potential(uL)) / du : k.K(uL);
                return new FaceFluxValue(flux, kf / d, -kf / d);
            }
            case FaceMean.Arithmetic:
            {
                double kf = 0.5 * (k.K(uL) + k.K(uR));
                double flux = -kf * du / d;
                if (picard)
                {
                    return new FaceFluxValue(flux, kf / d, -kf / d);
                }
                return new FaceFluxValue(flux, kf / d - 0.5 * k.DK(uL) * du / d, -kf / d - 0.5 * k.DK(uR) * du / d);
            }
            default:
            {
                double mid = 0.5 * (uL + uR);
                double kf = k.K(mid);
                double flux = -kf * du / d;
                if (picard)
                {
                    return new FaceFluxValue(flux, kf / d, -kf / d);
                }
                double dk = 0.5 * k.DK(mid) * du / d;
                return new FaceFluxValue(flux, kf / d - dk, -kf / d - dk);
            }
        }
    }
}
