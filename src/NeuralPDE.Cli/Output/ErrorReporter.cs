using NeuralPDE.Core.Specs;

namespace NeuralPDE.Cli.Output;

/// <summary>One-line error messages on standard error.</summary>
public static class ErrorReporter
{
    /// <summary>Bad input the user can fix (exit code 2) as opposed to an internal failure (exit code 1).</summary>
    public static bool IsUserError(Exception e) =>
        e is SpecException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException or UnauthorizedAccessException or IOException;

    public static void Report(Exception e)
    {
        string message = e.Message.ReplaceLineEndings(" ").Trim();
        string prefix = IsUserError(e) ? "error" : "internal error (" + e.GetType().Name + ")";
        Console.Error.WriteLine($"neuralpde: {prefix}: {message}");
        if (!IsUserError(e) && Environment.GetEnvironmentVariable("NEURALPDE_TRACE") == "1")
        {
            Console.Error.WriteLine(e);
        }
    }
}
