using NeuralPDE.Core.Specs;
using TorchSharp;

namespace NeuralPDE.Numerics.Torch;

/// <summary>Turns a <c>--device</c> value into a TorchSharp device, failing with one clear line.</summary>
public static class ComputeDevice
{
    public static readonly string[] Allowed = ["cpu", "cuda"];

    /// <summary>Parses <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public static torch.Device Resolve(string? name)
    {
        string value = string.IsNullOrWhiteSpace(name) ? "cpu" : name.Trim().ToLowerInvariant();
        if (value == "cpu")
        {
            return torch.CPU;
        }
        if (value == "cuda" || value.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!torch.cuda.is_available())
            {
                throw new SpecException($"--device {value}: CUDA is not available here (this build uses the CPU libtorch; on a machine with an NVIDIA GPU and the TorchSharp-cuda-linux package, build with -p:NeuralPdeCuda=true). Use --device cpu.");
            }
            return new torch.Device(value);
        }
        throw new SpecException($"--device {value}: expected one of cpu, cuda, cuda:N");
    }
}
