using System.Text.Json.Nodes;

namespace NeuralPDE.Learning.Fno;

/// <summary>One line of the training history: mean training loss of an epoch, its learning rate, the test error when
/// it was evaluated (NaN otherwise) and the elapsed training seconds.</summary>
public sealed record FnoEpochRecord(int Epoch, double TrainLoss, double TestRelL2, double LearningRate, double Seconds)
{
    public JsonObject ToJson() => new()
    {
        ["epoch"] = Epoch,
        ["trainLoss"] = TrainLoss,
        ["testRelL2"] = double.IsFinite(TestRelL2) ? TestRelL2 : null,
        ["lr"] = LearningRate,
        ["seconds"] = Seconds,
    };

    public static FnoEpochRecord FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new(json["epoch"]!.GetValue<int>(), json["trainLoss"]!.GetValue<double>(),
            json["testRelL2"]?.GetValue<double>() ?? double.NaN, json["lr"]!.GetValue<double>(), json["seconds"]!.GetValue<double>());
    }
}
