using System.Text.Json.Nodes;
using NeuralPDE.Core.Specs;

namespace NeuralPDE.Learning.Fno;

/// <summary>
/// Everything an FNO run needs besides the data file, read from a problem spec's <c>fno</c> section (every field has
/// a default there, so each can be changed with <c>--set fno.training.epochs=100</c> and so on): the default dataset
/// (<c>fno.data</c>: recipe, sample count, recipe overrides, how samples pair up, train/test counts, strides), the
/// architecture (<c>fno.model</c>) and the optimisation (<c>fno.training</c>).
/// </summary>
public sealed record FnoSettings
{
    public string Recipe { get; init; } = "";
    public int GenerateSamples { get; init; } = 1100;
    public string[] RecipeOverrides { get; init; } = [];
    public FnoPairing Pairing { get; init; } = FnoPairing.FirstLast;
    public int TrainSamples { get; init; } = 1000;
    public int TestSamples { get; init; } = 100;
    public int Stride { get; init; } = 1;
    public int TimeStride { get; init; } = 1;
    public int InputSteps { get; init; } = 10;
    public int OutputSteps { get; init; } = 10;

    public FnoVariant Variant { get; init; } = FnoVariant.Direct;
    public int[] Modes { get; init; } = [16];
    public int Width { get; init; } = 64;
    public int Layers { get; init; } = 4;
    public int ProjectionWidth { get; init; } = 128;
    public int[] Padding { get; init; } = [0];
    public bool Grid { get; init; } = true;
    public bool InstanceNorm { get; init; }

    public int Epochs { get; init; } = 500;
    public int BatchSize { get; init; } = 20;
    public double LearningRate { get; init; } = 1e-3;
    public double WeightDecay { get; init; } = 1e-4;
    public string Schedule { get; init; } = "step";
    public int StepSize { get; init; } = 100;
    public double Gamma { get; init; } = 0.5;
    public FnoLossKind Loss { get; init; } = FnoLossKind.RelativeLp;
    public double P { get; init; } = 2;
    public NormalizerMode Normalise { get; init; } = NormalizerMode.None;
    public int EvalEvery { get; init; } = 10;
    public int CheckpointEvery { get; init; } = 10;
    public int Threads { get; init; }
    public double MaxSeconds { get; init; }

    public LearningRateSchedule LearningRates => new(Schedule, LearningRate, StepSize, Gamma, Epochs);

    /// <summary>The network shape for data with <paramref name="inChannels"/> input and <paramref name="outChannels"/> target channels.</summary>
    public FnoConfig Config(int inChannels, int outChannels) => new()
    {
        InChannels = inChannels,
        OutChannels = Variant == FnoVariant.Direct ? outChannels : 1,
        Width = Width,
        Modes = Modes,
        Layers = Layers,
        ProjectionWidth = ProjectionWidth,
        Padding = Padding,
        Grid = Grid,
        InstanceNorm = InstanceNorm,
    };

    public static FnoSettings FromSpec(ProblemSpec spec) => FromSpec(spec, "fno");

    /// <summary>The settings from section <paramref name="section"/> (<c>fno</c>, or <c>wos</c> for the WoS-supervised
    /// FNO of poisson-star, which shares the data/model/training layout).</summary>
    public static FnoSettings FromSpec(ProblemSpec spec, string section)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(section);
        if (!spec.Has(section))
        {
            throw new SpecException(spec.Name, section, section == "fno"
                ? "this problem has no fno section (FNO defaults); FNO problems: burgers-1d-periodic, darcy-2d, ns-vorticity-2d"
                : $"this problem has no {section} section");
        }
        var d = new FnoSettings();
        string pairing = spec.TextOr($"{section}.data.pairing", "first-last", FnoPairings.Names);
        string variant = spec.TextOr($"{section}.model.variant", "direct", FnoVariants.Names);
        string loss = spec.TextOr($"{section}.training.loss", "l2", "l2", "h1");
        string normalise = spec.TextOr($"{section}.training.normalise", "none", "none", "channel", "pointwise");
        int[] modes = Ints(spec, $"{section}.model.modes", d.Modes, 1, 1024);
        int[] padding = spec.Has($"{section}.model.padding") ? Ints(spec, $"{section}.model.padding", d.Padding, 0, 4096) : new int[modes.Length];
        if (modes.Length is < 1 or > 3)
        {
            throw new SpecException(spec.Name, $"{section}.model.modes", $"expected 1 to 3 mode counts (one per axis), got {modes.Length}");
        }
        if (padding.Length != modes.Length)
        {
            throw new SpecException(spec.Name, $"{section}.model.padding", $"expected {modes.Length} values (one per axis of {section}.model.modes), got {padding.Length}");
        }
        return new FnoSettings
        {
            Recipe = spec.TextOr($"{section}.data.recipe", spec.Name),
            GenerateSamples = spec.IntegerOr($"{section}.data.samples", d.GenerateSamples, min: 2),
            RecipeOverrides = Texts(spec, $"{section}.data.set"),
            Pairing = FnoPairings.Parse(pairing),
            TrainSamples = spec.IntegerOr($"{section}.data.train", d.TrainSamples, min: 1),
            TestSamples = spec.IntegerOr($"{section}.data.test", d.TestSamples, min: 1),
            Stride = spec.IntegerOr($"{section}.data.stride", 1, min: 1, max: 1024),
            TimeStride = spec.IntegerOr($"{section}.data.timeStride", 1, min: 1, max: 1024),
            InputSteps = spec.IntegerOr($"{section}.data.inputSteps", d.InputSteps, min: 1),
            OutputSteps = spec.IntegerOr($"{section}.data.outputSteps", d.OutputSteps, min: 1),
            Variant = FnoVariants.Parse(variant),
            Modes = modes,
            Width = spec.IntegerOr($"{section}.model.width", d.Width, min: 1, max: 4096),
            Layers = spec.IntegerOr($"{section}.model.layers", d.Layers, min: 1, max: 64),
            ProjectionWidth = spec.IntegerOr($"{section}.model.projectionWidth", d.ProjectionWidth, min: 1, max: 4096),
            Padding = padding,
            Grid = spec.FlagOr($"{section}.model.grid", true),
            InstanceNorm = spec.FlagOr($"{section}.model.instanceNorm", false),
            Epochs = spec.IntegerOr($"{section}.training.epochs", d.Epochs, min: 0),
            BatchSize = spec.IntegerOr($"{section}.training.batchSize", d.BatchSize, min: 1, max: 100000),
            LearningRate = spec.NumberOr($"{section}.training.learningRate", d.LearningRate, min: 0, exclusiveMin: true),
            WeightDecay = spec.NumberOr($"{section}.training.weightDecay", d.WeightDecay, min: 0),
            Schedule = spec.TextOr($"{section}.training.schedule", "step", LearningRateSchedule.Kinds),
            StepSize = spec.IntegerOr($"{section}.training.stepSize", d.StepSize, min: 1),
            Gamma = spec.NumberOr($"{section}.training.gamma", d.Gamma, min: 0, max: 1, exclusiveMin: true),
            Loss = loss == "h1" ? FnoLossKind.RelativeH1 : FnoLossKind.RelativeLp,
            P = spec.NumberOr($"{section}.training.p", 2, min: 1),
            Normalise = normalise switch { "channel" => NormalizerMode.Channel, "pointwise" => NormalizerMode.Pointwise, _ => NormalizerMode.None },
            EvalEvery = spec.IntegerOr($"{section}.training.evalEvery", d.EvalEvery, min: 1),
            CheckpointEvery = spec.IntegerOr($"{section}.training.checkpointEvery", d.CheckpointEvery, min: 1),
            Threads = spec.IntegerOr($"{section}.training.threads", 0, min: 0, max: 1024),
            MaxSeconds = spec.NumberOr($"{section}.training.maxSeconds", 0, min: 0),
        };
    }

    private static int[] Ints(ProblemSpec spec, string path, int[] fallback, int min, int max)
    {
        if (!spec.Has(path))
        {
            return fallback;
        }
        double[] values = spec.Numbers(path);
        foreach (double v in values)
        {
            if (v != Math.Floor(v) || v < min || v > max)
            {
                throw new SpecException(spec.Name, path, $"expected integers in [{min}, {max}], got {v}");
            }
        }
        return values.Select(v => (int)v).ToArray();
    }

    private static string[] Texts(ProblemSpec spec, string path)
    {
        JsonNode? node = spec.ToJson();
        foreach (string part in path.Split('.'))
        {
            node = node is JsonObject o && o.TryGetPropertyValue(part, out JsonNode? child) ? child : null;
        }
        if (node is null)
        {
            return [];
        }
        if (node is not JsonArray array || array.Any(n => n is not JsonValue v || !v.TryGetValue(out string? _)))
        {
            throw new SpecException(spec.Name, path, "expected an array of \"key=value\" strings");
        }
        return array.Select(n => n!.GetValue<string>()).ToArray();
    }

    /// <summary>The settings as JSON (stored in checkpoints and summaries).</summary>
    public JsonObject ToJson() => new()
    {
        ["pairing"] = FnoPairings.Name(Pairing),
        ["train"] = TrainSamples,
        ["test"] = TestSamples,
        ["stride"] = Stride,
        ["timeStride"] = TimeStride,
        ["inputSteps"] = InputSteps,
        ["outputSteps"] = OutputSteps,
        ["variant"] = FnoVariants.Name(Variant),
        ["epochs"] = Epochs,
        ["batchSize"] = BatchSize,
        ["learningRate"] = LearningRate,
        ["weightDecay"] = WeightDecay,
        ["schedule"] = Schedule,
        ["stepSize"] = StepSize,
        ["gamma"] = Gamma,
        ["loss"] = Loss == FnoLossKind.RelativeH1 ? "h1" : "l2",
        ["p"] = P,
        ["normalise"] = Normalise.ToString().ToLowerInvariant(),
    };

    /// <summary>One line for logs and reports.</summary>
    public string Describe() =>
        $"{FnoVariants.Name(Variant)}, {Epochs} epochs, batch {BatchSize}, Adam (weight decay {WeightDecay:G3}), {LearningRates.Describe()}, " +
        $"loss {(Loss == FnoLossKind.RelativeH1 ? "relative H1" : $"relative L{P:G3}")}, normalise {Normalise.ToString().ToLowerInvariant()}";
}
