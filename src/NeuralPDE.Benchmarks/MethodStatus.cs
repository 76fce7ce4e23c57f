namespace NeuralPDE.Benchmarks;

/// <summary>How a method's row ended.</summary>
public enum MethodStatus
{
    /// <summary>The method ran and was evaluated against the reference.</summary>
    Completed,

    /// <summary>The method does not apply to the problem (the reason says why).</summary>
    NotApplicable,

    /// <summary>The method ran and failed (diverged, bad data, ...); the reason holds the message.</summary>
    Failed,

    /// <summary>The benchmark was interrupted before or while the method ran.</summary>
    Interrupted,
}
