using System.Text.Json.Nodes;
using NeuralPDE.Tests.Support;

namespace NeuralPDE.Tests.Datasets;

/// <summary><c>neuralpde bench ns-generate</c> as a user runs it: a tiny run of both sides (when Debian's python3-torch is
/// installed) with the JSON summary, and one-line errors with exit code 2 for bad options.</summary>
public class BenchNsGenerateCliTests
{
    private static (int Code, string Out, string Err) Neuralpde(string args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "neuralpde.dll");
        return ExternalTools.Run("dotnet", $"\"{dll}\" {args}");
    }

    [Fact]
    public void TinyBenchRunsBothSidesWithTheSameThreadCount()
    {
        if (!ExternalTools.PythonHas("torch"))
        {
            Assert.Fail("python3-torch is required for this test (the test command installs it: build/install-crosscheck-tools.sh)");
        }
        string json = Path.Combine(Path.GetTempPath(), "neuralpde-nsbench-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            var (code, stdout, stderr) = Neuralpde($"bench ns-generate --n 16 --batch 2 --samples 3 --t-end 0.02 --dt 0.005 --record 2 --threads 1 --repeat 1 --json \"{json}\"");
            Assert.True(code == 0, stderr + stdout);
            Assert.Contains("ratio", stdout);
            var summary = JsonNode.Parse(File.ReadAllText(json))!.AsObject();
            Assert.Equal(4, summary["steps"]!.GetValue<int>());
            var round = summary["rounds"]!.AsArray()[0]!.AsObject();
            Assert.Equal(1, round["ours"]!["threads"]!.GetValue<int>());
            Assert.Equal(1, round["pytorch"]!["threads"]!.GetValue<int>());
            Assert.True(summary["oursSamplesPerSecond"]!.GetValue<double>() > 0);
            Assert.True(summary["pytorchSamplesPerSecond"]!.GetValue<double>() > 0);
            Assert.Equal(summary["oursSamplesPerSecond"]!.GetValue<double>() / summary["pytorchSamplesPerSecond"]!.GetValue<double>(), summary["ratio"]!.GetValue<double>(), 9);
        }
        finally
        {
            File.Delete(json);
        }
    }

    [Theory]
    [InlineData("bench ns-generate --threads 0", "--threads: expected 1..1024")]
    [InlineData("bench ns-generate --n 63", "--n: expected an even grid size")]
    [InlineData("bench ns-generate --t-end 0.5 --dt 1e-4 --record 3", "--record: expected a count >= 1 dividing the 5000 steps")]
    [InlineData("bench ns-generate --script /nonexistent/gen.py", "--script: expected the PyTorch generator script")]
    public void BadOptionsGiveOneLineAndExitCode2(string args, string expected)
    {
        var (code, _, stderr) = Neuralpde(args);
        Assert.Equal(2, code);
        string line = stderr.Trim();
        Assert.DoesNotContain('\n', line);
        Assert.Contains(expected, line);
    }
}
