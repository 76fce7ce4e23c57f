namespace NeuralPDE.Benchmarks;

/// <summary>Writes a text file through a temporary sibling and a rename, so no reader sees it half-written.</summary>
public static class AtomicFile
{
    public static void Write(string path, string text)
    {
        string full = Path.GetFullPath(path);
        string temp = full + ".partial";
        File.WriteAllText(temp, text);
        File.Move(temp, full, overwrite: true);
    }
}
