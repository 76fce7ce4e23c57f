namespace NeuralPDE.Data.Generation;

/// <summary>
/// Produces samples of one recipe. <see cref="Generate"/> must make sample i depend only on (i, seed) — and for
/// solvers that couple a block's samples (Krylov recycling), only on the block — so that sharded, resumed and
/// multi-threaded runs give the same data.
/// </summary>
public interface ISampleGenerator
{
    DatasetLayout Layout { get; }

    /// <summary>Solver name with its settings (stored as the file attribute <c>solver</c>).</summary>
    string Solver { get; }

    /// <summary>Notes stored with the file (e.g. a solver fallback); empty when there is nothing to say.</summary>
    string Notes { get; }

    /// <summary>True when blocks may be generated concurrently on several threads (CPU-bound independent solves);
    /// false for generators that already use all cores inside a block (batched torch work).</summary>
    bool ParallelBlocks { get; }

    /// <summary>Generates the samples with the given indices and seeds (one block), in the same order.</summary>
    IReadOnlyList<GeneratedSample> Generate(IReadOnlyList<int> indices, IReadOnlyList<long> seeds, CancellationToken cancellation);
}
