using NeuralPDE.Core.Specs;

namespace NeuralPDE.Numerics.Spectral;

/// <summary>Time integrators of <see cref="TorusVorticitySpectral"/> (spec field <c>reference.scheme</c>).</summary>
public enum VorticityScheme
{
    /// <summary><c>etdrk4</c>: ETDRK4, diffusion integrated exactly, fourth order in time (default).</summary>
    EtdRk4,

    /// <summary><c>crank-nicolson</c>: the FNO data generator's scheme: Crank–Nicolson on diffusion, forward Euler on
    /// advection and forcing (first order in time overall).</summary>
    CrankNicolson,
}

/// <summary>Spec names of <see cref="VorticityScheme"/>.</summary>
public static class VorticitySchemes
{
    public static readonly string[] Names = ["etdrk4", "crank-nicolson"];

    public static VorticityScheme Parse(ProblemSpec spec, string path)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Text(path, Names) == "etdrk4" ? VorticityScheme.EtdRk4 : VorticityScheme.CrankNicolson;
    }

    public static string Name(VorticityScheme scheme) => scheme == VorticityScheme.EtdRk4 ? "etdrk4" : "crank-nicolson";
}
