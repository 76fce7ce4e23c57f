using TorchSharp;

namespace NeuralPDE.Numerics.Torch;

/// <summary>Bounds libtorch's intra-op thread pool (<c>torch.set_num_threads</c>), as <c>--threads</c> asks.</summary>
public static class TorchThreads
{
    /// <summary>Sets torch's intra-op threads to <paramref name="threads"/> when it is &gt; 0; 0 keeps torch's default.</summary>
    public static void Limit(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        if (threads > 0)
        {
            torch.set_num_threads(threads);
        }
    }

    /// <summary>torch's current intra-op thread count.</summary>
    public static int Current => torch.get_num_threads();
}
