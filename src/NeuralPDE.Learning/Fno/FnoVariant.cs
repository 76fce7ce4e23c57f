namespace NeuralPDE.Learning.Fno;

/// <summary>How the network maps a data input to a data target.</summary>
public enum FnoVariant
{
    /// <summary>One network evaluation maps the input channels to the target channels on the same grid.</summary>
    Direct,

    /// <summary>Time-window data: an FNO-2D maps the last <c>inputSteps</c> snapshots to the next one and is rolled
    /// out autoregressively (its own predictions fed back) over the target window (Li et al.'s FNO-2D for
    /// Navier–Stokes).</summary>
    Recurrent,

    /// <summary>Time-window data: an FNO-3D on (x, y, t) maps the input snapshots, repeated along t as channels, to
    /// the whole target window at once; t is non-periodic, so pad it (Li et al.'s FNO-3D).</summary>
    SpaceTime,
}

/// <summary>Parsing of <see cref="FnoVariant"/> names.</summary>
public static class FnoVariants
{
    public static readonly string[] Names = ["direct", "recurrent", "spacetime"];

    public static FnoVariant Parse(string name) => name switch
    {
        "direct" => FnoVariant.Direct,
        "recurrent" => FnoVariant.Recurrent,
        "spacetime" => FnoVariant.SpaceTime,
        _ => throw new ArgumentException($"fno.model.variant: expected one of {string.Join(", ", Names)}, got {name}"),
    };

    public static string Name(FnoVariant variant) => Names[(int)variant];
}
