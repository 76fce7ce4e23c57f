using System.Text.Json.Nodes;
using NeuralPDE.Core.Specs;
using NeuralPDE.Learning.Fno;

namespace NeuralPDE.Learning.WalkOnSpheres;

/// <summary>
/// Settings of <see cref="WosFnoTrainer"/>, read from a spec's <c>wos</c> section: <c>wos.data</c>, <c>wos.model</c>
/// and <c>wos.training</c> have the layout of the <c>fno</c> section (parsed by <see cref="FnoSettings.FromSpec(ProblemSpec, string)"/>;
/// pairing, strides and variant are not used) and <c>wos.walks</c> sets the walk-on-spheres targets: new walks per
/// grid node at each epoch's refresh (<c>perRefresh</c>), the shell width ε as a fraction of each domain's bounding-box
/// diameter (<c>relativeEpsilon</c>) and the step cap of one walk (<c>maxSteps</c>).
/// </summary>
public sealed record WosFnoSettings
{
    public required FnoSettings Fno { get; init; }

    public int WalksPerRefresh { get; init; } = 4;

    public double RelativeEpsilon { get; init; } = 5e-4;

    public int MaxSteps { get; init; } = 10_000;

    /// <summary>What the operator is fitted to (<c>wos.training.supervision</c>: wos, or residual for the
    /// physics-informed baseline on the same operator, data and epochs).</summary>
    public OperatorSupervision Supervision { get; init; } = OperatorSupervision.Wos;

    /// <summary>The spec value of <see cref="Supervision"/>: wos or residual.</summary>
    public string SupervisionName => Supervision == OperatorSupervision.Wos ? "wos" : "residual";

    public static WosFnoSettings FromSpec(ProblemSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!spec.Has("wos"))
        {
            throw new SpecException(spec.Name, "wos", "this problem has no wos section (WoS-supervised FNO defaults); --method wos applies to poisson-star only");
        }
        var d = new WosFnoSettings { Fno = new FnoSettings() };
        return new WosFnoSettings
        {
            Fno = FnoSettings.FromSpec(spec, "wos"),
            WalksPerRefresh = spec.IntegerOr("wos.walks.perRefresh", d.WalksPerRefresh, min: 1, max: 1_000_000),
            RelativeEpsilon = spec.NumberOr("wos.walks.relativeEpsilon", d.RelativeEpsilon, min: 0, max: 0.1, exclusiveMin: true),
            MaxSteps = spec.IntegerOr("wos.walks.maxSteps", d.MaxSteps, min: 1),
            Supervision = spec.TextOr("wos.training.supervision", "wos", "wos", "residual") == "residual" ? OperatorSupervision.Residual : OperatorSupervision.Wos,
        };
    }

    /// <summary>Throws a one-line <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (WalksPerRefresh < 1)
        {
            throw new ArgumentException($"wos.walks.perRefresh: expected an integer >= 1, got {WalksPerRefresh}");
        }
        if (!(RelativeEpsilon > 0 && RelativeEpsilon <= 0.1))
        {
            throw new ArgumentException($"wos.walks.relativeEpsilon: expected a number in (0, 0.1], got {RelativeEpsilon}");
        }
        if (MaxSteps < 1)
        {
            throw new ArgumentException($"wos.walks.maxSteps: expected an integer >= 1, got {MaxSteps}");
        }
        if (Fno.Normalise == NormalizerMode.Pointwise)
        {
            throw new ArgumentException("wos.training.normalise: expected none or channel (the inputs are normalised per channel)");
        }
    }

    public JsonObject ToJson()
    {
        JsonObject json = Fno.ToJson();
        json.Remove("pairing");
        json.Remove("stride");
        json.Remove("timeStride");
        json.Remove("inputSteps");
        json.Remove("outputSteps");
        json.Remove("variant");
        json["walksPerRefresh"] = WalksPerRefresh;
        json["relativeEpsilon"] = RelativeEpsilon;
        json["maxSteps"] = MaxSteps;
        json["supervision"] = SupervisionName;
        return json;
    }

    /// <summary>One line for logs and reports.</summary>
    public string Describe() =>
        $"{Fno.Epochs} epochs, batch {Fno.BatchSize}, Adam (weight decay {Fno.WeightDecay:G3}), {Fno.LearningRates.Describe()}, " +
        (Supervision == OperatorSupervision.Wos
            ? $"masked relative L2 against running-mean WoS targets ({WalksPerRefresh} new walks per node per epoch, ε = {RelativeEpsilon:G3} × diameter), "
            : "physics-informed: relative residual of the Shortley-Weller equations (no WoS, no solver data), ") +
        $"normalise inputs {Fno.Normalise.ToString().ToLowerInvariant()}";
}
