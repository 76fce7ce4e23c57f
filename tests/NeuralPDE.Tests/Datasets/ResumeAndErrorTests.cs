using System.Diagnostics;
using NeuralPDE.Tests.Support;

namespace NeuralPDE.Tests.Datasets;

/// <summary>A killed run resumes without redoing finished blocks and gives identical tensors; bad input fails with one line.</summary>
public class ResumeAndErrorTests
{
    [Fact]
    public void KilledRunResumesAndMatchesAnUninterruptedRun()
    {
        using var folder = new TempFolder("npde-ds");
        string dir = folder.Path;
        string[] set = ["batchSize=2", "spec.reference.resolution=32", "spec.reference.outputTimes=10", "spec.reference.timeStep=0.002"];
        string args = $"generate pme-1d --samples 24 --threads 1 --quiet --out {Path.Combine(dir, "k.h5")} " + string.Join(' ', set.Select(s => "--set " + s));
        var info = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "neuralpde.dll")}\" {args}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string parts = Path.Combine(dir, "k.h5.parts");
        using (var process = Process.Start(info)!)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < 60 && !process.HasExited
                   && (!Directory.Exists(parts) || Directory.GetFiles(parts, "block-*.bin").Length < 2))
            {
                Thread.Sleep(20);
            }
            Assert.False(process.HasExited, "the run finished before it could be killed; make it longer");
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        int done = Directory.GetFiles(parts, "block-*.bin").Length;
        Assert.InRange(done, 2, 11);
        Assert.False(File.Exists(Path.Combine(dir, "k.h5")), "no final file after a kill");

        var (code, stdout, stderr) = DatasetTestSupport.Neuralpde(args.Replace("--quiet ", "", StringComparison.Ordinal));
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains($"{2 * done} resumed", stdout);
        Assert.False(Directory.Exists(parts));

        var (code2, _, stderr2) = DatasetTestSupport.Neuralpde(args.Replace("k.h5", "clean.h5", StringComparison.Ordinal));
        Assert.True(code2 == 0, stderr2);
        DatasetTestSupport.AssertSame(DatasetTestSupport.Contents(Path.Combine(dir, "clean.h5")), DatasetTestSupport.Contents(Path.Combine(dir, "k.h5")));
    }

    [Fact]
    public void BadInputGivesOneLineErrors()
    {
        using var folder = new TempFolder("npde-ds");
        string dir = folder.Path;
        string small = string.Join(' ', DatasetTestSupport.Small["darcy-2d"].Select(s => "--set " + s));
        string a = Path.Combine(dir, "a.h5"), c = Path.Combine(dir, "c.h5");
        Assert.Equal(0, DatasetTestSupport.Neuralpde($"generate darcy-2d --samples 6 --shard 0/3 --quiet --out {a} {small} --set batchSize=2").Code);
        Assert.Equal(0, DatasetTestSupport.Neuralpde($"generate darcy-2d --samples 6 --shard 2/3 --quiet --out {c} {small} --set batchSize=2").Code);
        string truncated = Path.Combine(dir, "t.h5");
        byte[] bytes = File.ReadAllBytes(a);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        string foreign = Path.Combine(dir, "f.h5");
        File.WriteAllText(foreign, "this is not HDF5");
        var cases = new (string Args, string Expected)[]
        {
            ($"generate no-such-recipe --out {dir}/x.h5", "unknown recipe \"no-such-recipe\""),
            ($"generate darcy-2d --shard 3/2 --out {dir}/x.h5", "--shard 3/2: expected i/n with 0 <= i < n"),
            ($"generate darcy-2d --shard x --out {dir}/x.h5", "--shard x: expected i/n"),
            ($"generate darcy-2d --solver lu --out {dir}/x.h5", "--solver: expected one of auto, recycled, gmres, cg, direct"),
            ($"generate poisson-star --solver cg --out {dir}/x.h5", "cg needs symmetric matrices"),
            ($"generate burgers-1d-periodic --solver gmres --out {dir}/x.h5", "only linear-system recipes"),
            ($"generate darcy-2d --set bogus=1 --out {dir}/x.h5", "unknown key \"bogus\""),
            ($"generate darcy-2d --samples 0 --out {dir}/x.h5", "--samples: expected an integer >= 1"),
            ($"generate darcy-2d --out {dir}/no/such/folder/x.h5", "does not exist"),
            ($"merge {dir}/m.h5 {a} {c}", "missing shard: no file holds samples 2..3 of 6"),
            ($"merge {dir}/m.h5 {a} {a} {c}", "overlap"),
            ($"merge {dir}/m.h5 {a} {truncated}", "truncated HDF5 file"),
            ($"merge {dir}/m.h5 {a} {foreign}", "not a readable HDF5 file"),
        };
        foreach (var (args, expected) in cases)
        {
            var (code, _, stderr) = DatasetTestSupport.Neuralpde(args);
            string line = stderr.Trim();
            Assert.True(code == 2, $"{args}: exit {code}, {stderr}");
            Assert.DoesNotContain('\n', line);
            Assert.StartsWith("neuralpde: error:", line);
            Assert.Contains(expected, line);
        }
        Assert.False(File.Exists(Path.Combine(dir, "m.h5")), "a failed merge leaves no file");
    }
}
