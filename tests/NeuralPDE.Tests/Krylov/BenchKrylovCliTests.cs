using System.Text.Json.Nodes;
using NeuralPDE.Tests.Support;

namespace NeuralPDE.Tests.Krylov;

/// <summary><c>neuralpde bench krylov</c> as a user runs it: a small benchmark with JSON and MatrixMarket export,
/// and one-line errors with exit code 2 for bad options.</summary>
public class BenchKrylovCliTests
{
    private static (int Code, string Out, string Err) Neuralpde(string args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "neuralpde.dll");
        return ExternalTools.Run("dotnet", $"\"{dll}\" {args}");
    }

    [Fact]
    public void SmallBenchWritesJsonAndMatrixMarketFiles()
    {
        using var folder = new TempFolder("neuralpde-bench");
        string dir = folder.Path;
        string json = Path.Combine(dir, "bench.json");
        string export = Path.Combine(dir, "mtx");
        var (code, stdout, stderr) = Neuralpde($"bench krylov --n 10 --systems 4 --tol 1e-8 --precond ilu0 --m 12 --k 4 --json \"{json}\" --export-dir \"{export}\"");
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("GCRO-DR(12,4) sorted", stdout);
        Assert.Contains("recycled CG(4,20) sorted", stdout);
        var summary = JsonNode.Parse(File.ReadAllText(json))!.AsObject();
        // Darcy is symmetric: plain and recycled CG run by default, and the JSON compares recycled CG with both baselines.
        Assert.Equal(5, summary["methods"]!.AsObject().Count);
        JsonObject rcg = summary["recycledCg"]!.AsObject();
        Assert.True(rcg["speedupIterations"]!.GetValue<double>() > 1, stdout);
        Assert.True(rcg["speedupTimeOverCg"]!.GetValue<double>() > 0);
        Assert.Equal(2 * 4 + 20 + 4, summary["methods"]!["rcg"]!["workspaceVectors"]!.GetValue<int>());
        Assert.True(summary["speedupTime"]!.GetValue<double>() > 0);
        Assert.True(summary["speedupIterations"]!.GetValue<double>() > 0);
        Assert.True(summary["maxRelResidual"]!.GetValue<double>() <= 1e-8);
        Assert.True(summary["allConverged"]!.GetValue<bool>());
        Assert.Equal(4, Directory.GetFiles(export, "A_*.mtx").Length);
        string[] header = File.ReadLines(Path.Combine(export, "A_0000.mtx")).Take(2).ToArray();
        Assert.Equal("%%MatrixMarket matrix coordinate real general", header[0]);
        Assert.StartsWith("100 100 ", header[1]);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(export, "order_sorted.txt")).Length);
    }

    [Theory]
    [InlineData("poisson-2d", 10, "one matrix, sources")]
    [InlineData("poisson-star", 12, "star domains")]
    public void TheDatasetRecipesSequencesCanBeBenchmarkedToo(string problem, int n, string varies)
    {
        using var folder = new TempFolder("neuralpde-bench");
        string json = Path.Combine(folder.Path, "bench.json");
        var (code, stdout, stderr) = Neuralpde($"bench krylov --problem {problem} --n {n} --systems 5 --tol 1e-8 --precond ilu0 --m 12 --k 4 --quiet --json \"{json}\"");
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains($"{problem}: 5 systems, {n * n} unknowns each", stdout);
        Assert.Contains(varies, stdout);
        var summary = JsonNode.Parse(File.ReadAllText(json))!.AsObject();
        Assert.Equal(problem, summary["problem"]!.GetValue<string>());
        Assert.Equal(n * n, summary["unknowns"]!.GetValue<int>());
        Assert.True(summary["allConverged"]!.GetValue<bool>());
        Assert.True(summary["maxRelResidual"]!.GetValue<double>() <= 1e-8);
        // The same systems, solved three ways: the recycled solvers need fewer iterations than GMRES.
        Assert.True(summary["speedupIterations"]!.GetValue<double>() > 1, stdout);
    }

    [Theory]
    [InlineData("bench krylov --problem poisson-star --n 8", "--n: expected 9..2000 points per direction, got 8")]
    [InlineData("bench krylov --precond lu", "--precond: expected none, jacobi, ilu0 or ssor, got lu")]
    [InlineData("bench krylov --m 20 --k 20", "expected 1 <= k < m")]
    [InlineData("bench krylov --problem burgers-1d", "--problem: expected darcy-2d, poisson-2d or poisson-star, got burgers-1d")]
    [InlineData("bench krylov --tol 0", "--tol: expected a number in (0, 1)")]
    [InlineData("bench krylov --problem poisson-star --methods gmres,rcg", "--methods: rcg needs symmetric matrices")]
    [InlineData("bench krylov --methods gmres,bicg", "--methods: expected a comma list of gmres, natural, sorted, cg, rcg, got bicg")]
    [InlineData("bench krylov --window 0", "--window: expected 1..1000 directions, got 0")]
    public void BadOptionsGiveOneLineAndExitCode2(string args, string expected)
    {
        var (code, _, stderr) = Neuralpde(args);
        Assert.Equal(2, code);
        string line = stderr.Trim();
        Assert.DoesNotContain('\n', line);
        Assert.Contains(expected, line);
    }
}
