namespace NeuralPDE.Learning.Fno;

/// <summary>
/// The learning rate as a function of the epoch (0-based), so that the schedule's whole state is the epoch count:
/// <c>step</c>: lr · γ^⌊epoch / stepSize⌋ (PyTorch StepLR; FNO: γ = 0.5 every 100 epochs);
/// <c>cosine</c>: lr_min + (lr − lr_min)(1 + cos(π epoch / epochs)) / 2 (CosineAnnealingLR, lr_min = 0);
/// <c>constant</c>: lr.
/// </summary>
public sealed record LearningRateSchedule(string Kind, double LearningRate, int StepSize, double Gamma, int Epochs)
{
    public static readonly string[] Kinds = ["step", "cosine", "constant"];

    public double At(int epoch) => Kind switch
    {
        "step" => LearningRate * Math.Pow(Gamma, epoch / Math.Max(1, StepSize)),
        "cosine" => 0.5 * LearningRate * (1 + Math.Cos(Math.PI * Math.Min(epoch, Epochs) / Math.Max(1, Epochs))),
        "constant" => LearningRate,
        _ => throw new ArgumentException($"fno.schedule: expected one of {string.Join(", ", Kinds)}, got {Kind}"),
    };

    public string Describe() => Kind switch
    {
        "step" => $"lr {LearningRate:G3}, x{Gamma:G3} every {StepSize} epochs",
        "cosine" => $"lr {LearningRate:G3}, cosine over {Epochs} epochs",
        _ => $"lr {LearningRate:G3} constant",
    };
}
