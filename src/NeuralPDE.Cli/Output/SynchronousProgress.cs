namespace NeuralPDE.Cli.Output;

/// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread (System.Progress&lt;T&gt; posts to the
/// thread pool, so lines could arrive late or out of order).</summary>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
