using System.Diagnostics;

namespace NeuralPDE.Tests.Support;

/// <summary>Runs Debian's python3 (with h5py/scipy) for cross-checks against independent libraries.</summary>
public static class ExternalTools
{
    public const string Python = "/usr/bin/python3";

    /// <summary>True when /usr/bin/python3 can import all <paramref name="modules"/>. The CI script installs
    /// python3-h5py and python3-scipy, so these cross-checks run there.</summary>
    public static bool PythonHas(params string[] modules)
    {
        if (!File.Exists(Python))
        {
            return false;
        }
        var (code, _, _) = Run(Python, "-c \"import " + string.Join(", ", modules) + "\"");
        return code == 0;
    }

    public static (int ExitCode, string StdOut, string StdErr) Run(string file, string arguments, string? stdin = null, int timeoutMs = 120_000)
    {
        var info = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start " + file);
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutMs))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {arguments} did not finish in {timeoutMs} ms");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
