using NeuralPDE.Learning.Fno;
using NeuralPDE.Tests.Support;
using static TorchSharp.torch;

namespace NeuralPDE.Tests.Fno;

/// <summary>Our FNO equals an independent PyTorch implementation (fno_torch.py, complex einsum weights) loading our
/// exported state dict, and a state dict written by PyTorch imports back into ours with the same outputs.</summary>
public class ParityTests
{
    public static TheoryData<string, int[], int[], int> Cases => new()
    {
        { "1d", [8], [0], 64 },
        { "2d", [6, 5], [0, 0], 24 },
        { "2d-padded", [5, 5], [4, 4], 20 },
        { "3d", [4, 4, 3], [0, 0, 3], 12 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardPassMatchesPyTorchWithTheExportedWeights(string name, int[] modes, int[] padding, int n)
    {
        FnoTestSupport.RequireTorch();
        using var folder = new TempFolder("npde-fno");
        string dir = folder.Path;
        var config = new FnoConfig { InChannels = 2, OutChannels = 3, Width = 12, Modes = modes, Layers = 3, ProjectionWidth = 16, Padding = padding };
        using var network = FnoTestSupport.Network(config, seed: 7);
        string state = Path.Combine(dir, "state.dat"), io = Path.Combine(dir, "io.dat"), output = Path.Combine(dir, "out.dat");
        StateDictFile.Save(state, FnoTestSupport.Parameters(network));
        random.manual_seed(11);
        using var input = randn([3, 2, .. Enumerable.Repeat((long)n, modes.Length)]);
        StateDictFile.Save(io, [("input", input)]);
        using var ours = no_grad();
        using var y = network.forward(input);
        string meta = "{\\\"padding\\\": [" + string.Join(",", padding) + "]}";
        var (code, stdout, stderr) = ExternalTools.Run(ExternalTools.Python, $"\"{FnoTestSupport.Script}\" parity \"{state}\" \"{io}\" \"{output}\" \"{meta}\"");
        Assert.True(code == 0, $"fno_torch.py failed ({name}): {stdout}{stderr}");
        var theirs = StateDictFile.Load(output);
        double rel = FnoTestSupport.RelativeDifference(y, theirs[0].Value);
        Assert.True(rel <= 1e-5, $"{name}: relative difference {rel:E2} > 1e-5");
        Assert.True(y.abs().max().item<float>() > 1e-3f);
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "npde-fno-parity.log"), $"{name}: rel {rel:E3}\n");
    }

    [Fact]
    public void AStateDictWrittenByPyTorchImportsWithTheSameOutputs()
    {
        FnoTestSupport.RequireTorch();
        using var folder = new TempFolder("npde-fno");
        string dir = folder.Path;
        var config = new FnoConfig { InChannels = 1, OutChannels = 1, Width = 8, Modes = [5, 5], Layers = 2, ProjectionWidth = 8, Padding = [0, 0] };
        using var source = FnoTestSupport.Network(config, seed: 1);
        string state = Path.Combine(dir, "state.dat"), back = Path.Combine(dir, "back.dat");
        StateDictFile.Save(state, FnoTestSupport.Parameters(source));
        var (code, stdout, stderr) = ExternalTools.Run(ExternalTools.Python, $"\"{FnoTestSupport.Script}\" roundtrip \"{state}\" \"{back}\"");
        Assert.True(code == 0, stdout + stderr);
        using var target = FnoTestSupport.Network(config, seed: 2);
        var imported = StateDictFile.Load(back);
        FnoCheckpoint.LoadParameters(target, imported, "", back);
        using var noGrad = no_grad();
        using var x = randn(2, 1, 16, 16);
        using var a = source.forward(x);
        using var b = target.forward(x);
        Assert.Equal(0.0, FnoTestSupport.RelativeDifference(b, a));
        // TorchSharp's own Module.load reads the same file.
        using var third = FnoTestSupport.Network(config, seed: 3);
        third.load(back);
        using var c = third.forward(x);
        Assert.Equal(0.0, FnoTestSupport.RelativeDifference(c, a));
    }
}
