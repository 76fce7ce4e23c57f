using System.Text.Json.Nodes;
using NeuralPDE.Tests.Support;

namespace NeuralPDE.Tests.Pinn;

/// <summary><c>neuralpde train</c> as a user runs it.</summary>
public class TrainCliTests
{
    private static (int Code, string Out, string Err) Neuralpde(string args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "neuralpde.dll");
        return ExternalTools.Run("dotnet", $"\"{dll}\" {args}");
    }

    [Theory]
    [InlineData("train burgers-1d --method fno", "fno: this problem has no fno section")]
    [InlineData("train burgers-1d --method pinn --epochs 3", "apply to --method fno and wos only")]
    [InlineData("train burgers-1d-periodic --method fno --set fno.model.modes=[1,2,3,4]", "fno.model.modes")]
    [InlineData("train burgers-1d-periodic --method fno --data nothere.h5 --epochs 1", "nothere.h5")]
    [InlineData("train burgers-1d --method wos", "--method wos applies to poisson-star only")]
    [InlineData("train poisson-star --method wos --steps 3", "--steps: not used by --method wos")]
    [InlineData("train poisson-star --method wos --set wos.bogus=1", "unknown key \"bogus\" in wos")]
    [InlineData("train burgers-1d --method magic", "--method magic: expected one of pinn, fno, wos")]
    [InlineData("train burgers-1d --set pinn.network.width=0", "pinn.network.width")]
    [InlineData("train burgers-1d --set pinn.collocation.method=grid", "expected one of uniform, lhs, halton")]
    [InlineData("train burgers-1d --set pinn.bogus=1", "bogus")]
    [InlineData("train burgers-1d --steps -3", "--steps: expected an integer >= 0")]
    [InlineData("train darcy-2d", "no PINN formulation for darcy")]
    [InlineData("train no-such-problem", "unknown problem")]
    public void BadInputGivesOneLineAndExitCode2(string args, string expected)
    {
        var (code, _, stderr) = Neuralpde(args + " --quiet");
        Assert.Equal(2, code);
        string line = stderr.Trim();
        Assert.DoesNotContain('\n', line);
        Assert.StartsWith("neuralpde: error:", line);
        Assert.Contains(expected, line);
    }

    [Fact]
    public void TrainWritesJsonAndPlot()
    {
        using var folder = new TempFolder("npde-train");
        string dir = folder.Path;
        string json = Path.Combine(dir, "b.json"), html = Path.Combine(dir, "b.html");
        var (code, stdout, stderr) = Neuralpde($"train burgers-1d --method pinn --steps 6 --set pinn.collocation.points=200 --set pinn.network.depth=2 --seed 1 --json \"{json}\" --plot \"{html}\" --checkpoint \"{Path.Combine(dir, "ck")}\" --quiet");
        Assert.True(code == 0, stderr + stdout);
        JsonNode summary = JsonNode.Parse(File.ReadAllText(json))!;
        Assert.Equal("burgers-1d", summary["problem"]!.GetValue<string>());
        Assert.Equal("pinn", summary["method"]!.GetValue<string>());
        Assert.Equal(6, summary["steps"]!.GetValue<long>());
        double rel = summary["relL2"]!.GetValue<double>();
        Assert.InRange(rel, 1e-3, 10);
        Assert.True(summary["peakMemoryMB"]!.GetValue<double>() > 0);
        SummaryAssert.SamePeakMemory(stdout, summary);
        Assert.True(summary["wallSeconds"]!.GetValue<double>() > 0);
        string page = File.ReadAllText(html);
        Assert.Contains("loss curves", page);
        Assert.Contains("|u − exact|", page);
        Assert.True(File.Exists(Path.Combine(dir, "ck", "pinn.ckpt")));
    }
}
