using System.Reflection;
using System.Security.Cryptography;
using NeuralPDE.Build.ScalarKeepAlive;

namespace NeuralPDE.Tests.Build;

/// <summary>The build step that rewrites TorchSharp.dll so that temporary scalars outlive the native calls reading them.</summary>
public sealed class ScalarKeepAlivePatchTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("npde-scalar-patch-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string PackageCopy()
    {
        string home = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Path.Combine(home, "torchsharp", "0.107.0", "lib", "net8.0", "TorchSharp.dll");
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void PatchesACopyOnceKeepsItsIdentityAndLeavesThePackageAlone()
    {
        string original = PackageCopy();
        Assert.True(File.Exists(original), $"TorchSharp 0.107.0 not in the NuGet cache at {original}");
        string packageHash = Hash(original);
        string copy = Path.Combine(_folder, "TorchSharp.dll");
        File.Copy(original, copy);
        Assert.False(ScalarKeepAlivePatcher.IsPatched(copy));

        Assert.Equal(ScalarPatchResult.Patched, ScalarKeepAlivePatcher.Patch(copy));
        Assert.True(ScalarKeepAlivePatcher.IsPatched(copy));
        string patchedHash = Hash(copy);
        Assert.Equal(ScalarPatchResult.AlreadyPatched, ScalarKeepAlivePatcher.Patch(copy));
        Assert.Equal(patchedHash, Hash(copy));                 // the second run writes nothing
        Assert.Equal(packageHash, Hash(original));             // the cache is untouched
        Assert.Equal([Path.Combine(_folder, "TorchSharp.dll")], Directory.GetFiles(_folder));   // no temporary left

        // Same name, version and public key, so assemblies compiled against the package bind to the copy.
        AssemblyName before = AssemblyName.GetAssemblyName(original), after = AssemblyName.GetAssemblyName(copy);
        Assert.Equal(before.FullName, after.FullName);
        Assert.NotEmpty(after.GetPublicKeyToken()!);
    }

    [Fact]
    public void TheTorchSharpTheTestsRunIsTheBuildsPatchedCopy()
    {
        string loaded = typeof(TorchSharp.Scalar).Assembly.Location;
        Assert.True(ScalarKeepAlivePatcher.IsPatched(loaded), $"{loaded} is not patched");
    }

    [Fact]
    public void ANonTorchSharpAssemblyIsRefusedUnchanged()
    {
        string other = Path.Combine(_folder, "NeuralPDE.Core.dll");
        File.Copy(typeof(NeuralPDE.Core.Specs.ProblemSpec).Assembly.Location, other);
        string hash = Hash(other);
        var error = Assert.Throws<InvalidDataException>(() => ScalarKeepAlivePatcher.Patch(other));
        Assert.Contains("TorchSharp.Scalar", error.Message);
        Assert.Equal(hash, Hash(other));
    }

    [Fact]
    public void ATruncatedAssemblyIsRefusedUnchanged()
    {
        string truncated = Path.Combine(_folder, "TorchSharp.dll");
        File.WriteAllBytes(truncated, File.ReadAllBytes(PackageCopy())[..4096]);
        string hash = Hash(truncated);
        Assert.Throws<BadImageFormatException>(() => ScalarKeepAlivePatcher.Patch(truncated));
        Assert.Equal(hash, Hash(truncated));
        Assert.Single(Directory.GetFiles(_folder));
    }
}
