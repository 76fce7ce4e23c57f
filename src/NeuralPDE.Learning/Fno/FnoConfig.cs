using System.Text.Json.Nodes;

namespace NeuralPDE.Learning.Fno;

/// <summary>
/// The architecture of a Fourier neural operator (Li et al. 2021): a pointwise lifting to <see cref="Width"/> channels,
/// <see cref="Layers"/> Fourier layers h ← σ(K h + W h) (K a spectral convolution keeping <see cref="Modes"/> modes
/// per spatial axis, W a pointwise linear map; no σ after the last), and a two-layer pointwise projection through
/// <see cref="ProjectionWidth"/> channels. <see cref="Grid"/> appends the normalised coordinates of every grid point
/// as extra input channels; <see cref="Padding"/> zero-pads each spatial axis (at its end) after the lifting and
/// crops after the last Fourier layer, for non-periodic axes; <see cref="InstanceNorm"/> normalises each channel
/// before every spectral convolution (optional).
/// </summary>
public sealed record FnoConfig
{
    public int InChannels { get; init; } = 1;
    public int OutChannels { get; init; } = 1;
    public int Width { get; init; } = 64;
    public int[] Modes { get; init; } = [16];
    public int Layers { get; init; } = 4;
    public int ProjectionWidth { get; init; } = 128;
    public int[] Padding { get; init; } = [0];
    public bool Grid { get; init; } = true;
    public bool InstanceNorm { get; init; }

    /// <summary>Number of spatial axes (1, 2 or 3).</summary>
    public int Dims => Modes.Length;

    /// <summary>Channels entering the lifting layer (data channels plus grid coordinates).</summary>
    public int LiftInputs => InChannels + (Grid ? Dims : 0);

    public void Validate()
    {
        if (Modes.Length is < 1 or > 3)
        {
            throw new ArgumentException($"fno modes: expected 1 to 3 spatial axes, got {Modes.Length}");
        }
        if (Padding.Length != Modes.Length)
        {
            throw new ArgumentException($"fno padding: expected {Modes.Length} values (one per spatial axis), got {Padding.Length}");
        }
        Check(InChannels, "inChannels");
        Check(OutChannels, "outChannels");
        Check(Width, "width");
        Check(Layers, "layers");
        Check(ProjectionWidth, "projectionWidth");
        foreach (int m in Modes)
        {
            Check(m, "modes");
        }
        if (Padding.Any(p => p < 0))
        {
            throw new ArgumentException($"fno padding: expected values >= 0, got [{string.Join(", ", Padding)}]");
        }
    }

    private static void Check(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentException($"fno {name}: expected an integer >= 1, got {value}");
        }
    }

    /// <summary>One line for logs and reports.</summary>
    public string Describe() =>
        $"FNO-{Dims}d {Layers} layers, width {Width}, modes [{string.Join(", ", Modes)}], {InChannels}->{OutChannels} channels" +
        $"{(Padding.Any(p => p > 0) ? $", padding [{string.Join(", ", Padding)}]" : "")}{(Grid ? ", grid" : "")}{(InstanceNorm ? ", instance norm" : "")}";

    public JsonObject ToJson() => new()
    {
        ["inChannels"] = InChannels,
        ["outChannels"] = OutChannels,
        ["width"] = Width,
        ["modes"] = new JsonArray(Modes.Select(m => (JsonNode)m).ToArray()),
        ["layers"] = Layers,
        ["projectionWidth"] = ProjectionWidth,
        ["padding"] = new JsonArray(Padding.Select(m => (JsonNode)m).ToArray()),
        ["grid"] = Grid,
        ["instanceNorm"] = InstanceNorm,
    };

    public static FnoConfig FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        int[] Ints(string key) => json[key]?.AsArray().Select(n => n!.GetValue<int>()).ToArray()
            ?? throw new InvalidDataException($"fno config: missing '{key}'");
        int Int(string key) => json[key]?.GetValue<int>() ?? throw new InvalidDataException($"fno config: missing '{key}'");
        var config = new FnoConfig
        {
            InChannels = Int("inChannels"),
            OutChannels = Int("outChannels"),
            Width = Int("width"),
            Modes = Ints("modes"),
            Layers = Int("layers"),
            ProjectionWidth = Int("projectionWidth"),
            Padding = Ints("padding"),
            Grid = json["grid"]?.GetValue<bool>() ?? true,
            InstanceNorm = json["instanceNorm"]?.GetValue<bool>() ?? false,
        };
        config.Validate();
        return config;
    }
}
