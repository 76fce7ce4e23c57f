namespace NeuralPDE.Tests.Support;

/// <summary>A uniquely named folder under the system temporary folder, deleted with everything in it on dispose
/// (if it exists then): <c>using var folder = new TempFolder("npde-x");</c>.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix, bool create = true)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        if (create)
        {
            Directory.CreateDirectory(Path);
        }
    }

    public string Path { get; }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
