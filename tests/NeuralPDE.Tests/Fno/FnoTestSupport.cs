using NeuralPDE.Learning.Fno;
using NeuralPDE.Tests.Support;
using static TorchSharp.torch;

namespace NeuralPDE.Tests.Fno;

/// <summary>Helpers of the FNO tests: small networks, the PyTorch cross-check script, temporary folders.</summary>
internal static class FnoTestSupport
{
    public static string Script => Path.Combine(RepoPaths.Root, "tests", "NeuralPDE.Tests", "Fno", "fno_torch.py");

    public static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"npde-fno-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static void RequireTorch()
    {
        if (!ExternalTools.PythonHas("torch", "numpy"))
        {
            Assert.Fail("python3-torch is required for this test (build/install-crosscheck-tools.sh installs it)");
        }
    }

    public static FnoNetwork Network(FnoConfig config, int seed)
    {
        random.manual_seed(seed);
        return new FnoNetwork(config);
    }

    public static List<(string Name, Tensor Value)> Parameters(FnoNetwork network) =>
        network.named_parameters().Select(p => (p.name, (Tensor)p.parameter)).ToList();

    public static double RelativeDifference(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return (a.to(ScalarType.Float64) - b.to(ScalarType.Float64)).norm().item<double>() / b.to(ScalarType.Float64).norm().item<double>();
    }
}
