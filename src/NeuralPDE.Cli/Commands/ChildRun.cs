using System.Diagnostics;
using System.Text.Json.Nodes;

namespace NeuralPDE.Cli.Commands;

/// <summary>Runs this executable again as a child process (so that its peak memory is its own) and reads the JSON
/// summary it writes.</summary>
public static class ChildRun
{
    /// <summary>Starts <c>neuralpde</c> with <paramref name="arguments"/> (which must make it write its summary to
    /// <paramref name="jsonPath"/>), waits, and returns the summary; the JSON file is deleted. <paramref name="what"/>
    /// names the run in errors and in the progress line (none when <paramref name="quiet"/>).</summary>
    public static JsonObject Json(IEnumerable<string> arguments, string jsonPath, string what, bool quiet)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ChildRun).Assembly.Location);
        }
        foreach (string a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        if (quiet)
        {
            start.ArgumentList.Add("--quiet");
        }
        else
        {
            Console.Error.WriteLine($"{what}: training in a child process ...");
        }
        try
        {
            using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start a child process for " + what);
            child.WaitForExit();
            if (child.ExitCode != 0 || !File.Exists(jsonPath))
            {
                throw new InvalidOperationException($"{what} child process failed with exit code {child.ExitCode}");
            }
            return (JsonObject)JsonNode.Parse(File.ReadAllText(jsonPath))!;
        }
        finally
        {
            File.Delete(jsonPath);
        }
    }
}
