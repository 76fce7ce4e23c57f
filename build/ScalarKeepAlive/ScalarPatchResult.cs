namespace NeuralPDE.Build.ScalarKeepAlive;

/// <summary>Outcome of <see cref="ScalarKeepAlivePatcher.Patch"/>.</summary>
public enum ScalarPatchResult
{
    /// <summary>The assembly was rewritten: <c>Scalar.Handle</c> now records its scalar in the per-thread ring.</summary>
    Patched,

    /// <summary>The assembly already carries the ring; nothing was written.</summary>
    AlreadyPatched,
}
