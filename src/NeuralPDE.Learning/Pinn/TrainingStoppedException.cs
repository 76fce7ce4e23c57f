namespace NeuralPDE.Learning.Pinn;

/// <summary>Training stopped because the loss became NaN/infinite or diverged; the message says at which step, what
/// the parameters were restored to and where the last good checkpoint is.</summary>
public sealed class TrainingStoppedException : Exception
{
    public TrainingStoppedException()
    {
    }

    public TrainingStoppedException(string message) : base(message)
    {
    }

    public TrainingStoppedException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>The step at which the bad loss appeared.</summary>
    public long Step { get; init; }

    /// <summary>The step whose parameters were restored.</summary>
    public long RestoredStep { get; init; }
}
