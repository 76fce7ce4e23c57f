using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NeuralPDE.Tests.Support;

/// <summary>Checks shared by the CLI tests of commands that print a summary and write a <c>--json</c> one.</summary>
internal static class SummaryAssert
{
    /// <summary>The console's "peak memory N MB" and the JSON's <c>peakMemoryMB</c> are one reading (taken before any
    /// plot is drawn).</summary>
    public static void SamePeakMemory(string stdout, JsonNode summary)
    {
        Match peak = Regex.Match(stdout, @"peak memory (\d+) MB");
        Assert.True(peak.Success, stdout);
        Assert.Equal(Math.Round(summary["peakMemoryMB"]!.GetValue<double>(), MidpointRounding.AwayFromZero), double.Parse(peak.Groups[1].Value, CultureInfo.InvariantCulture));
    }
}
