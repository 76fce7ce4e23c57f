using NeuralPDE.Build.ScalarKeepAlive;

// Usage: NeuralPDE.Build.ScalarKeepAlive <TorchSharp.dll>...  (patches each in place; idempotent)
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: NeuralPDE.Build.ScalarKeepAlive <path to TorchSharp.dll>...");
    return 2;
}
foreach (string path in args)
{
    try
    {
        if (ScalarKeepAlivePatcher.Patch(path) == ScalarPatchResult.Patched)
        {
            Console.WriteLine($"NeuralPDE: TorchSharp scalars kept alive during native calls in {path} (ring of {ScalarKeepAlivePatcher.RingSize} per thread).");
        }
    }
    catch (Exception e) when (e is IOException or InvalidDataException or BadImageFormatException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"error NPDE001: cannot patch {path}: {e.Message}");
        return 1;
    }
}
return 0;
