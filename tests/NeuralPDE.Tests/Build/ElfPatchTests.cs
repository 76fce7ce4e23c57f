using NeuralPDE.Build;

namespace NeuralPDE.Tests.Build;

/// <summary>The build step that weakens TorchSharp's GLIBCXX_3.4.32 requirement.</summary>
public class ElfPatchTests
{
    private static string PackageCopy()
    {
        string home = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Path.Combine(home, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
    }

    [Fact]
    public void PatchSetsTheWeakFlagOnceAndOnlyThere()
    {
        string original = PackageCopy();
        if (!File.Exists(original))
        {
            return; // not on Linux or a different cache layout
        }
        byte[] data = File.ReadAllBytes(original);
        byte[] before = (byte[])data.Clone();
        Assert.Equal(ElfPatchResult.Patched, ElfVersionPatcher.Inspect(data, "GLIBCXX_3.4.32")); // strong in the package
        Assert.Equal(ElfPatchResult.Patched, ElfVersionPatcher.MarkWeak(data, "GLIBCXX_3.4.32"));
        Assert.Equal(ElfPatchResult.AlreadyWeak, ElfVersionPatcher.MarkWeak(data, "GLIBCXX_3.4.32"));
        int changed = Enumerable.Range(0, data.Length).Count(i => data[i] != before[i]);
        Assert.Equal(1, changed); // exactly one byte: the low byte of vna_flags
        Assert.Equal(ElfPatchResult.NotRequired, ElfVersionPatcher.MarkWeak(data, "GLIBCXX_9.9.99"));
    }

    [Fact]
    public void BuildOutputCopyIsPatchedAndPackageCacheIsNot()
    {
        string original = PackageCopy();
        string output = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        if (!File.Exists(original) || !File.Exists(output) || ElfVersionPatcher.DefinesVersion("/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "GLIBCXX_3.4.32"))
        {
            return; // system libstdc++ is new enough: the build leaves the library alone
        }
        Assert.Equal(ElfPatchResult.AlreadyWeak, ElfVersionPatcher.Inspect(File.ReadAllBytes(output), "GLIBCXX_3.4.32"));
        Assert.Equal(ElfPatchResult.Patched, ElfVersionPatcher.Inspect(File.ReadAllBytes(original), "GLIBCXX_3.4.32"));
    }

    [Fact]
    public void NonElfInputIsRejected()
    {
        Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.FindVernaux(new byte[100], "GLIBCXX_3.4.32"));
    }
}
