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

    /// <summary>What the operator is fitted to (<c>wos.training.supervision</c>: wos; or, for the physics-informed
    /// baselines on the same operator, data and epochs, autograd or residual).</summary>
    public OperatorSupervision Supervision { get; init; } = OperatorSupervision.Wos;

    /// <summary>The spec value of <see cref="Supervision"/>: wos, autograd or residual.</summary>
    public string SupervisionName => Supervision.ToString().ToLowerInvariant();

    /// <summary>What the training loss measures, for logs: the name of <see cref="Supervision"/>'s loss.</summary>
    public string LossName => Supervision switch
    {
        OperatorSupervision.Wos => "loss vs WoS targets",
        OperatorSupervision.Autograd => "autograd PDE + boundary loss",
        _ => "relative residual",
    };

    /// <summary>Interior collocation points per sample and step of the autograd baseline (<c>wos.training.collocation</c>).</summary>
    public int Collocation { get; init; } = 256;

    /// <summary>Boundary points per sample and step of the autograd baseline (<c>wos.training.boundaryPoints</c>).</summary>
    public int BoundaryPoints { get; init; } = 64;

    /// <summary>Weight of the relative boundary misfit in the autograd baseline's loss (<c>wos.training.boundaryWeight</c>).</summary>
    public double BoundaryWeight { get; init; } = 1;

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
            Supervision = Enum.Parse<OperatorSupervision>(spec.TextOr("wos.training.supervision", "wos", "wos", "autograd", "residual"), ignoreCase: true),
            Collocation = spec.IntegerOr("wos.training.collocation", d.Collocation, min: 1, max: 1_000_000),
            BoundaryPoints = spec.IntegerOr("wos.training.boundaryPoints", d.BoundaryPoints, min: 1, max: 1_000_000),
            BoundaryWeight = spec.NumberOr("wos.training.boundaryWeight", d.BoundaryWeight, min: 0, max: 1e6),
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
        if (Collocation < 1 || BoundaryPoints < 1)
        {
            throw new ArgumentException($"wos.training.collocation and wos.training.boundaryPoints: expected integers >= 1, got {Collocation} and {BoundaryPoints}");
        }
        if (!(BoundaryWeight >= 0) || double.IsInfinity(BoundaryWeight))
        {
            throw new ArgumentException($"wos.training.boundaryWeight: expected a finite number >= 0, got {BoundaryWeight}");
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
        if (Supervision == OperatorSupervision.Autograd)
        {
            json["collocation"] = Collocation;
            json["boundaryPoints"] = BoundaryPoints;
            json["boundaryWeight"] = BoundaryWeight;
        }
        return json;
    }

    /// <summary>One line for logs and reports.</summary>
    public string Describe() =>
        $"{Fno.Epochs} epochs, batch {Fno.BatchSize}, Adam (weight decay {Fno.WeightDecay:G3}), {Fno.LearningRates.Describe()}, " +
        Supervision switch
        {
            OperatorSupervision.Wos => $"masked relative L2 against running-mean WoS targets ({WalksPerRefresh} new walks per node per epoch, ε = {RelativeEpsilon:G3} × diameter), ",
            OperatorSupervision.Autograd => $"physics-informed by autograd: relative -Δu - f at {Collocation} random interior points + {BoundaryWeight:G3} × relative u - g at {BoundaryPoints} boundary points per star and step (no WoS, no solver data), ",
            _ => "physics-informed: relative residual of the Shortley-Weller equations (no WoS, no solver data), ",
        } +
        $"normalise inputs {Fno.Normalise.ToString().ToLowerInvariant()}";
}
