using System.Text.Json.Nodes;

namespace NeuralPDE.Learning.WalkOnSpheres;

/// <summary>One epoch of a <see cref="WosFnoTrainer"/> run: the mean masked loss against the WoS targets, the test
/// error against the finite-difference reference and the targets' own error against it (both NaN when not evaluated
/// that epoch), walks per node so far, learning rate and elapsed seconds (total and walking).</summary>
public sealed record WosFnoEpochRecord(int Epoch, double TrainLoss, double TestRelL2, double TargetRelL2, long WalksPerNode,
    double LearningRate, double Seconds, double WalkSeconds)
{
    public JsonObject ToJson() => new()
    {
        ["epoch"] = Epoch,
        ["trainLoss"] = TrainLoss,
        ["testRelL2"] = double.IsFinite(TestRelL2) ? TestRelL2 : null,
        ["targetRelL2"] = double.IsFinite(TargetRelL2) ? TargetRelL2 : null,
        ["walksPerNode"] = WalksPerNode,
        ["lr"] = LearningRate,
        ["seconds"] = Math.Round(Seconds, 3),
        ["walkSeconds"] = Math.Round(WalkSeconds, 3),
    };

    /// <summary>The record of <see cref="ToJson"/> (a missing error reads as NaN).</summary>
    public static WosFnoEpochRecord FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new WosFnoEpochRecord(json["epoch"]!.GetValue<int>(), json["trainLoss"]!.GetValue<double>(),
            json["testRelL2"]?.GetValue<double>() ?? double.NaN, json["targetRelL2"]?.GetValue<double>() ?? double.NaN,
            json["walksPerNode"]!.GetValue<long>(), json["lr"]!.GetValue<double>(), json["seconds"]!.GetValue<double>(),
            json["walkSeconds"]!.GetValue<double>());
    }
}
