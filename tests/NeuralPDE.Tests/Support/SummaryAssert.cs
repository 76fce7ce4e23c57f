using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NeuralPDE.Tests.Support;

/// <summary>Checks shared by the CLI tests of commands that print a summary and write a <c>--json</c> one.</summary>
internal static class SummaryAssert
{
    /// <summary>The console's "peak memory N MB" and the JSON's <c>peakMemoryMB</c> are one reading (taken before any
    /// plot is drawn): the console shows the JSON's value formatted as the command formats it ("F0", which rounds a
    /// midpoint such as 176.5 to even, so a rounding of our own would fail one run in ten).</summary>
    public static void SamePeakMemory(string stdout, JsonNode summary)
    {
        Match peak = Regex.Match(stdout, @"peak memory (\d+) MB");
        Assert.True(peak.Success, stdout);
        Assert.Equal(summary["peakMemoryMB"]!.GetValue<double>().ToString("F0", CultureInfo.InvariantCulture), peak.Groups[1].Value);
    }
}
