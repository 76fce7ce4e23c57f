using NeuralPDE.Data.Mat;

namespace NeuralPDE.Tests.Burgers;

/// <summary>Locates the shared reference data (<c>shared/reference</c>) and caches <c>burgers_shock.mat</c>.</summary>
internal static class BurgersTestData
{
    private static readonly Lazy<MatFile> Shock = new(() => MatFileReader.Read(ShockPath));

    public static string ReferenceDirectory
    {
        get
        {
            string? env = Environment.GetEnvironmentVariable("NEURALPDE_SHARED_DIR");
            if (!string.IsNullOrEmpty(env))
            {
                string viaEnv = Directory.Exists(Path.Combine(env, "reference")) ? Path.Combine(env, "reference") : env;
                if (File.Exists(Path.Combine(viaEnv, "burgers_shock.mat")))
                {
                    return viaEnv;
                }
            }
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                foreach (string candidate in new[] { Path.Combine(dir.FullName, "shared", "reference"), Path.Combine(dir.FullName, "..", "shared", "reference") })
                {
                    if (Directory.Exists(candidate))
                    {
                        return Path.GetFullPath(candidate);
                    }
                }
            }
            throw new DirectoryNotFoundException($"cannot find shared/reference above {AppContext.BaseDirectory}; set NEURALPDE_SHARED_DIR");
        }
    }

    public static string ShockPath => Path.Combine(ReferenceDirectory, "burgers_shock.mat");

    public static MatFile ShockFile => Shock.Value;

    public static bool Full => Environment.GetEnvironmentVariable("NEURALPDE_FULL") == "1";
}
