using NeuralPDE.Cli.Commands;
using NeuralPDE.Data.Generation;
using NeuralPDE.Data.Reading;
using NeuralPDE.Tests.Support;

namespace NeuralPDE.Tests.Datasets;

/// <summary>Same seed → identical tensors; shards + merge → the same file as one run; shard and seed arithmetic.</summary>
public class DeterminismTests
{
    [Theory]
    [InlineData("burgers-1d-periodic", null)]
    [InlineData("darcy-2d", "gmres")]
    public void SameSeedGivesIdenticalTensorsAndAnotherSeedDoesNot(string recipe, string? solver)
    {
        using var folder = new TempFolder("npde-ds");
        string dir = folder.Path;
        DatasetTestSupport.Generate(recipe, Path.Combine(dir, "a.h5"), 5, solver: solver);
        DatasetTestSupport.Generate(recipe, Path.Combine(dir, "b.h5"), 5, solver: solver);
        DatasetTestSupport.Generate(recipe, Path.Combine(dir, "c.h5"), 5, solver: solver, seed: 7);
        var a = DatasetTestSupport.Contents(Path.Combine(dir, "a.h5"));
        DatasetTestSupport.AssertSame(a, DatasetTestSupport.Contents(Path.Combine(dir, "b.h5")));
        Assert.False(a["tensor"].AsSpan().SequenceEqual(DatasetTestSupport.Contents(Path.Combine(dir, "c.h5"))["tensor"]));
        Assert.False(Directory.Exists(Path.Combine(dir, "a.h5.parts")), "the parts folder is removed once the file is complete");
    }

    [Theory]
    [InlineData("darcy-2d", "recycled")]
    [InlineData("ns-vorticity-2d", null)]
    [InlineData("poisson-star", "recycled")]
    [InlineData("poisson-2d", null)]
    [InlineData("poisson-2d", "recycled")]
    public void ShardsMergedEqualOneRun(string recipe, string? solver)
    {
        using var folder = new TempFolder("npde-ds");
        string dir = folder.Path;
        string whole = Path.Combine(dir, "whole.h5");
        DatasetTestSupport.Generate(recipe, whole, 8, solver: solver);
        var shards = new List<string>();
        foreach (string shard in new[] { "2/3", "0/3", "1/3" })
        {
            string path = Path.Combine(dir, $"part{shard[0]}.h5");
            DatasetTestSupport.Generate(recipe, path, 8, shard: shard, solver: solver);
            shards.Add(path);
        }
        string merged = Path.Combine(dir, "merged.h5");
        Assert.Equal(0, MergeCommand.Execute(merged, [.. shards], null, quiet: true));
        DatasetTestSupport.AssertSame(DatasetTestSupport.Contents(whole), DatasetTestSupport.Contents(merged));
        using var reader = new DatasetReader(merged);
        Assert.Equal(8, reader.Count);
        Assert.Equal("0/1", reader.TextAttribute("shard"));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (long)i), reader.Longs("sample-index", 0, 8));
    }

    [Fact]
    public void SeedsDependOnlyOnRecipeSeedAndIndex()
    {
        long[] a = Enumerable.Range(0, 1000).Select(i => SampleSeeds.For(42, i)).ToArray();
        Assert.Equal(a, Enumerable.Range(0, 1000).Select(i => SampleSeeds.For(42, i)).ToArray());
        Assert.Equal(1000, a.Distinct().Count());
        Assert.All(a, s => Assert.True(s >= 0));
        Assert.NotEqual(SampleSeeds.For(43, 0), a[0]);
    }

    [Theory]
    [InlineData(10, 3)]
    [InlineData(7, 7)]
    [InlineData(100, 8)]
    public void ShardsPartitionTheBlocks(int blocks, int shards)
    {
        var covered = new List<int>();
        for (int i = 0; i < shards; i++)
        {
            var (first, end) = new ShardSpec(i, shards).Blocks(blocks);
            covered.AddRange(Enumerable.Range(first, end - first));
        }
        Assert.Equal(Enumerable.Range(0, blocks), covered);
    }

    [Fact]
    public void ShardComesFromSlurmOrKubernetesWhenNotGiven()
    {
        var slurm = new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "5", ["SLURM_ARRAY_TASK_COUNT"] = "4", ["SLURM_ARRAY_TASK_MIN"] = "3" };
        Assert.Equal(new ShardSpec(2, 4), ShardSpec.FromEnvironment(k => slurm.GetValueOrDefault(k)));
        var k8s = new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "1", ["NEURALPDE_SHARD_COUNT"] = "3" };
        Assert.Equal(new ShardSpec(1, 3), ShardSpec.FromEnvironment(k => k8s.GetValueOrDefault(k)));
        Assert.Null(ShardSpec.FromEnvironment(_ => null));
        Assert.Throws<NeuralPDE.Core.Specs.SpecException>(() => ShardSpec.FromEnvironment(k => k == "JOB_COMPLETION_INDEX" ? "0" : null));
    }
}
