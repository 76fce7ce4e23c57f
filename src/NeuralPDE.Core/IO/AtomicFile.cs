namespace NeuralPDE.Core.IO;

/// <summary>Write-to-temporary-then-rename, so readers never see a partial file under the final name.</summary>
public static class AtomicFile
{
    /// <summary>Calls <paramref name="write"/> with a temporary path beside <paramref name="path"/>, then renames it
    /// over <paramref name="path"/>. On failure the temporary file is deleted and the original (if any) is untouched.</summary>
    public static void Write(string path, Action<string> write)
    {
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full) ?? ".", "." + Path.GetFileName(full) + "." + Environment.ProcessId + ".partial");
        try
        {
            write(temp);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try
            {
                File.Delete(temp);
            }
            catch (IOException)
            {
                // best effort: the temporary name is never mistaken for a result
            }
            throw;
        }
    }
}
