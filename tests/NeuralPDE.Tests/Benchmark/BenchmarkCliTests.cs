using System.Diagnostics;
using System.Text.Json.Nodes;
using NeuralPDE.Tests.Support;

namespace NeuralPDE.Tests.Benchmark;

/// <summary><c>neuralpde benchmark</c> as a user runs it: outputs, one-line errors with exit code 2, and an
/// interrupted run that exits non-zero and leaves a report of what finished.</summary>
public class BenchmarkCliTests
{
    private static string Dll => Path.Combine(AppContext.BaseDirectory, "neuralpde.dll");

    private static (int Code, string Out, string Err) Neuralpde(string args) => ExternalTools.Run("dotnet", $"\"{Dll}\" {args}", timeoutMs: 300_000);

    [Theory]
    [InlineData("benchmark no-such-problem", "unknown problem \"no-such-problem\"")]
    [InlineData("benchmark darcy-2d --methods pinn", "--methods pinn: does not apply to darcy-2d (no PINN formulation for darcy")]
    [InlineData("benchmark poisson-2d poisson-star --methods fno", "--methods fno: does not apply to poisson-2d, poisson-star (no FNO dataset recipe for this problem")]
    [InlineData("benchmark poisson-2d --methods pinn,magic", "--methods magic: expected a comma list of classical, pinn, fno, wos")]
    [InlineData("benchmark poisson-2d --budget huge", "--budget huge: expected quick, standard or paper")]
    [InlineData("benchmark poisson-2d --out /proc/npde-benchmark", "--out /proc/npde-benchmark: cannot write there")]
    [InlineData("benchmark", "Required argument missing for command: 'benchmark'")]
    public void BadInputGivesOneLineAndExitCode2(string args, string expected)
    {
        var (code, _, stderr) = Neuralpde(args);
        Assert.Equal(2, code);
        string line = stderr.Trim();
        Assert.DoesNotContain('\n', line);
        Assert.StartsWith("neuralpde: error:", line);
        Assert.Contains(expected, line);
    }

    [Fact]
    public void WritesTableJsonCsvAndReport()
    {
        using var folder = new TempFolder("npde-bench");
        string dir = folder.Path;
        var (code, stdout, stderr) = Neuralpde($"benchmark poisson-2d darcy-2d --methods classical,pinn --max-steps 30 --threads 1 --out \"{dir}\" --quiet");
        Assert.True(code == 0, stderr);
        Assert.Contains("poisson-2d  pinn", stdout);
        Assert.Contains("no PINN formulation for darcy", stdout);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "results.json")))!;
        Assert.False(json["interrupted"]!.GetValue<bool>());
        var rows = json["problems"]![0]!["rows"]!.AsArray();
        Assert.Equal(["classical", "pinn"], rows.Select(r => r!["method"]!.GetValue<string>()));
        Assert.True(rows[1]!["relL2"]!.GetValue<double>() > 0);
        string[] csv = File.ReadAllLines(Path.Combine(dir, "results.csv"));
        Assert.Equal(5, csv.Length);   // header + 2 problems x 2 methods
        Assert.StartsWith("problem,method,status,relL2", csv[0]);
        Assert.Contains("Published figures", File.ReadAllText(Path.Combine(dir, "report.html")));
        Assert.Empty(Directory.GetFiles(dir, "*.partial"));
    }

    [Fact]
    public async Task InterruptedRunExitsNonZeroAndLeavesAReportOfWhatFinished()
    {
        using var folder = new TempFolder("npde-bench");
        string dir = folder.Path;
        var info = new ProcessStartInfo("dotnet", $"\"{Dll}\" benchmark poisson-2d --methods classical,pinn --budget standard --threads 1 --out \"{dir}\" --quiet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        string results = Path.Combine(dir, "results.json");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(results) && clock.Elapsed < TimeSpan.FromMinutes(2) && !process.HasExited)
        {
            await Task.Delay(100);
        }
        Assert.True(File.Exists(results), "the classical row was never written");
        await Task.Delay(1500);   // the PINN is training now (the standard budget runs for minutes)
        ExternalTools.Run("kill", $"-INT {process.Id}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        string err = await stderr;
        Assert.True(process.ExitCode == 130, err);
        Assert.Contains("benchmark interrupted", err);
        var json = JsonNode.Parse(File.ReadAllText(results))!;
        Assert.True(json["interrupted"]!.GetValue<bool>());
        var rows = json["problems"]![0]!["rows"]!.AsArray();
        Assert.Equal("ok", rows[0]!["status"]!.GetValue<string>());
        Assert.Equal("interrupted", rows[1]!["status"]!.GetValue<string>());
        Assert.Contains("INTERRUPTED", File.ReadAllText(Path.Combine(dir, "report.html")));
        Assert.Contains("interrupted", await stdout);
    }
}
