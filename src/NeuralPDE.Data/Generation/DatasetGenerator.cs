using System.Diagnostics;
using NeuralPDE.Core.Specs;

namespace NeuralPDE.Data.Generation;

/// <summary>
/// Runs a recipe's <see cref="ISampleGenerator"/> over one shard: blocks of <c>batchSize</c> consecutive samples
/// with per-sample seeds from <see cref="SampleSeeds"/>, each finished block saved to the <see cref="PartStore"/>
/// (so a killed run resumes where it stopped), then the HDF5 file assembled from the blocks by
/// <see cref="DatasetFileWriter"/> (temporary file, then rename) and the parts folder removed.
/// </summary>
public static class DatasetGenerator
{
    public static GenerationReport Run(
        ISampleGenerator generator,
        DatasetRecipe recipe,
        string specJson,
        ShardSpec shard,
        string outputPath,
        IProgress<GenerationProgress>? progress = null,
        int threads = 0,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(shard);
        var total = Stopwatch.StartNew();
        var (firstBlock, endBlock) = shard.Blocks(recipe.Blocks);
        if (endBlock <= firstBlock)
        {
            throw new SpecException(recipe.Name, "--shard " + shard,
                $"this shard has no samples: {recipe.Samples} samples make {recipe.Blocks} blocks of batchSize {recipe.BatchSize}, fewer than {shard.Count} shards; use fewer shards or --set batchSize=…");
        }
        int start = recipe.BlockSamples(firstBlock).Start;
        int end = recipe.BlockSamples(endBlock - 1).End;
        var header = new DatasetHeader(recipe.Name, recipe.Problem, recipe.Json.ToJsonText(), specJson, recipe.Seed, recipe.Samples,
            recipe.BatchSize, generator.Solver, generator.Notes, generator.Layout, shard, start, end);
        var store = new PartStore(outputPath, header);
        store.Open();

        var pending = new List<int>();
        int resumed = 0;
        for (int block = firstBlock; block < endBlock; block++)
        {
            var (s, e) = recipe.BlockSamples(block);
            if (store.Has(block, e - s))
            {
                resumed += e - s;
            }
            else
            {
                pending.Add(block);
            }
        }

        int done = resumed, generated = 0;
        var clock = Stopwatch.StartNew();
        var gate = new object();
        progress?.Report(new GenerationProgress(done, end - start, resumed, 0, double.NaN));
        void RunBlock(int block)
        {
            var (s, e) = recipe.BlockSamples(block);
            int[] indices = Enumerable.Range(s, e - s).ToArray();
            long[] seeds = indices.Select(i => SampleSeeds.For(recipe.Seed, i)).ToArray();
            IReadOnlyList<GeneratedSample> samples = generator.Generate(indices, seeds, cancellation);
            if (samples.Count != indices.Length || samples.Where((x, k) => x.Index != indices[k] || x.Seed != seeds[k]).Any())
            {
                throw new InvalidOperationException($"generator {generator.GetType().Name} returned samples that do not match block {block}");
            }
            store.Save(block, samples);
            lock (gate)
            {
                done += samples.Count;
                generated += samples.Count;
                double seconds = clock.Elapsed.TotalSeconds;
                double rate = generated / Math.Max(seconds, 1e-9);
                progress?.Report(new GenerationProgress(done, end - start, resumed, rate, (end - start - done) / Math.Max(rate, 1e-9)));
            }
        }

        int degree = threads > 0 ? threads : Environment.ProcessorCount;
        if (generator.ParallelBlocks && degree > 1 && pending.Count > 1)
        {
            Parallel.ForEach(pending, new ParallelOptions { MaxDegreeOfParallelism = degree, CancellationToken = cancellation }, RunBlock);
        }
        else
        {
            foreach (int block in pending)
            {
                cancellation.ThrowIfCancellationRequested();
                RunBlock(block);
            }
        }
        double generationSeconds = clock.Elapsed.TotalSeconds;
        cancellation.ThrowIfCancellationRequested();
        DatasetFileWriter.Write(outputPath, header, Enumerable.Range(firstBlock, endBlock - firstBlock).Select(store.Load));
        store.Delete();
        return new GenerationReport(Path.GetFullPath(outputPath), shard, start, end, generated, resumed, generationSeconds, total.Elapsed.TotalSeconds);
    }
}
