namespace NeuralPDE.Tests.Support;

/// <summary>Locates the repository root and the shared reference data from the test's output folder.</summary>
public static class RepoPaths
{
    /// <summary>The folder holding NeuralPDE.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary><c>../shared/reference</c> beside the checkout (or NEURALPDE_SHARED_DIR/reference).</summary>
    public static string SharedReference
    {
        get
        {
            string? env = Environment.GetEnvironmentVariable("NEURALPDE_SHARED_DIR");
            if (!string.IsNullOrEmpty(env))
            {
                return Path.Combine(env, "reference");
            }
            for (var dir = new DirectoryInfo(Root); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "shared", "reference");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
            throw new DirectoryNotFoundException($"shared/reference not found above {Root}; set NEURALPDE_SHARED_DIR");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NeuralPDE.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("NeuralPDE.sln not found above " + AppContext.BaseDirectory);
    }
}
