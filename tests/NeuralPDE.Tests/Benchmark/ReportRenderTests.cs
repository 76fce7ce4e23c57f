using System.Text.RegularExpressions;
using NeuralPDE.Benchmarks;
using NeuralPDE.Core.Specs;
using NeuralPDE.Tests.Support;

namespace NeuralPDE.Tests.Benchmark;

/// <summary>The benchmark report renders offline in a real browser: Debian's headless Chromium loads the file with
/// the network disabled, every chart is drawn, no script error is raised, and a screenshot is taken.</summary>
public class ReportRenderTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public void ReportDrawsEveryChartWithNoScriptErrorsInHeadlessChromium()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: the test command installs Debian's chromium (build/install-crosscheck-tools.sh); install it with apt-get install chromium");
        var options = new BenchmarkOptions { Budget = BenchmarkBudget.Quick, MaxSteps = 20, Threads = 1 };
        var specs = new[] { ProblemCatalog.Problems().Load("poisson-2d", []), ProblemCatalog.Problems().Load("burgers-1d", []) };
        BenchmarkResults results = new BenchmarkRunner(BenchmarkMethods.Parse("classical,pinn"), options).Run(specs);
        using var folder = new TempFolder("npde-render");
        string dir = folder.Path;
        string html = Path.Combine(dir, "report.html");
        var report = BenchmarkReport.Build(results);
        report.Save(html);
        int charts = report.FigureCount;
        Assert.True(charts >= 10, $"expected reference, prediction, error, curves and bars per problem, got {charts} charts");

        string flags = $"--headless --no-sandbox --disable-gpu --no-first-run --user-data-dir=\"{Path.Combine(dir, "profile")}\" " +
            "--proxy-server=127.0.0.1:9 --proxy-bypass-list=\"<-loopback>\" --virtual-time-budget=30000";
        var (code, dom, err) = ExternalTools.Run(Chromium, $"{flags} --dump-dom \"file://{html}\"", timeoutMs: 180_000);
        Assert.True(code == 0, err);
        Match drawn = Regex.Match(dom, "data-charts-drawn=\"(\\d+)\"");
        Match errors = Regex.Match(dom, "data-script-errors=\"(\\d+)\"");
        Assert.True(drawn.Success && errors.Success, "the page's self-check did not run (scripts blocked or not loaded)");
        Assert.Equal("0", errors.Groups[1].Value);
        Assert.Equal(charts, int.Parse(drawn.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

        string png = Path.Combine(dir, "report.png");
        (code, _, err) = ExternalTools.Run(Chromium, $"{flags} --window-size=1400,2000 --screenshot=\"{png}\" \"file://{html}\"", timeoutMs: 180_000);
        Assert.True(code == 0 && File.Exists(png), err);
        byte[] bytes = File.ReadAllBytes(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.True(bytes.Length > 30_000, $"the screenshot is {bytes.Length} bytes: a blank page?");
    }
}
