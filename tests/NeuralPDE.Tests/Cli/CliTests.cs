using System.Text.Json.Nodes;
using NeuralPDE.Tests.Support;

namespace NeuralPDE.Tests.Cli;

/// <summary>The neuralpde command as a user runs it: a separate process, exit codes, one-line errors.</summary>
public class CliTests
{
    private static (int Code, string Out, string Err) Neuralpde(string args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "neuralpde.dll");
        return ExternalTools.Run("dotnet", $"\"{dll}\" {args}");
    }

    [Fact]
    public void ProblemsListsTheCatalogue()
    {
        var (code, stdout, stderr) = Neuralpde("problems");
        Assert.True(code == 0, stderr);
        Assert.Contains("burgers-1d", stdout);
        Assert.Contains("ns-cavity", stdout);
        Assert.DoesNotContain("[no reference solver yet]", stdout);
    }

    [Theory]
    [InlineData("solve no-such-problem", "unknown problem \"no-such-problem\"")]
    [InlineData("solve poisson-2d --set bogus=1", "unknown key \"bogus\" in parameters")]
    [InlineData("solve poisson-2d --resolution 1", "--resolution: expected an integer >= 2")]
    [InlineData("solve poisson-2d --device tpu", "--device tpu: expected one of cpu, cuda")]
    [InlineData("solve", "Required argument missing for command: 'solve'")]
    [InlineData("frobnicate", "Unrecognized command or argument 'frobnicate'")]
    [InlineData("solve poisson-2d --resolution many", "many")]
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
    public void CudaWithoutAGpuFailsWithOneLine()
    {
        var (code, _, stderr) = Neuralpde("solve poisson-2d --device cuda --quiet");
        if (code == 0)
        {
            return; // a machine with CUDA
        }
        Assert.Equal(2, code);
        Assert.Contains("CUDA is not available", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public void SolveWritesHdf5JsonAndHtml()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"npde-cli-{Guid.NewGuid():N}");
        try
        {
            var (code, stdout, stderr) = Neuralpde($"solve poisson-2d --resolution 33 --quiet --out {dir}/p.h5 --json {dir}/p.json --plot {dir}/p.html");
            Assert.True(code == 0, stderr + stdout);
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "p.json")))!;
            Assert.Equal("poisson-2d", json["problem"]!.GetValue<string>());
            Assert.Equal("classical", json["method"]!.GetValue<string>());
            double rel = json["relL2"]!.GetValue<double>();
            Assert.InRange(rel, 1e-6, 1e-2); // second order at h = 1/32: small but not round-off
            Assert.True(json["wallSeconds"]!.GetValue<double>() > 0);
            Assert.True(json["peakMemoryMB"]!.GetValue<double>() > 0);
            string html = File.ReadAllText(Path.Combine(dir, "p.html"));
            Assert.Contains("Plotly.newPlot", html);
            Assert.DoesNotContain("<script src=", html); // offline: plotly.js is inlined, nothing is fetched
            Assert.Contains("Plotly.newPlot", html);
            Assert.True(new FileInfo(Path.Combine(dir, "p.h5")).Length > 1000);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, true);
            }
        }
    }
}
