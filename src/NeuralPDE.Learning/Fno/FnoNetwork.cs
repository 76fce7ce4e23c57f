using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NeuralPDE.Learning.Fno;

/// <summary>
/// A Fourier neural operator on [batch, channels, n1, …, nd] tensors (see <see cref="FnoConfig"/>). Parameter names
/// (the state-dict keys shared with PyTorch): <c>lift.weight/bias</c>, <c>layers.{l}.spectral.weight{c}</c>,
/// <c>layers.{l}.pointwise.weight/bias</c>, <c>project.weight/bias</c>, <c>output.weight/bias</c>. The grid channels
/// are x_k = j / (n_k − 1), j = 0 … n_k − 1 (PyTorch's <c>linspace(0, 1, n)</c>), appended after the data channels.
/// </summary>
public sealed class FnoNetwork : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> lift;
    private readonly ModuleList<FourierLayer> layers;
    private readonly nn.Module<Tensor, Tensor> project;
    private readonly nn.Module<Tensor, Tensor> output;

    /// <summary>Builds the network; the initial weights come from TorchSharp's generator (seed it with
    /// <c>torch.manual_seed</c> first for a reproducible network).</summary>
    public FnoNetwork(FnoConfig config) : base(nameof(FnoNetwork))
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        int d = config.Dims;
        lift = Pointwise.Create(config.LiftInputs, config.Width, d);
        layers = new ModuleList<FourierLayer>(Enumerable.Range(0, config.Layers)
            .Select(_ => new FourierLayer(config.Width, config.Modes, config.InstanceNorm)).ToArray());
        project = Pointwise.Create(config.Width, config.ProjectionWidth, d);
        output = Pointwise.Create(config.ProjectionWidth, config.OutChannels, d);
        register_module(nameof(lift), lift);
        register_module(nameof(layers), layers);
        register_module(nameof(project), project);
        register_module(nameof(output), output);
    }

    public FnoConfig Config { get; }

    public FourierLayer Layer(int index) => layers[index];

    /// <summary>The trainable parameters by state-dict name, in registration order: what Adam updates and what a
    /// state-dict export writes.</summary>
    public IReadOnlyList<(string Name, Tensor Parameter)> NamedTensors() =>
        named_parameters().Select(p => (p.name, (Tensor)p.parameter)).ToList();

    /// <summary>Checks an input's rank and channel count and that every axis has room for the modes.</summary>
    public void CheckInput(long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        int d = Config.Dims;
        if (shape.Length != d + 2 || shape[1] != Config.InChannels)
        {
            throw new ArgumentException(
                $"fno input: the model expects [batch, {Config.InChannels} channels, {d} spatial axes], the data gives [{string.Join(", ", shape)}]");
        }
        long[] padded = shape[2..].Select((n, k) => n + Config.Padding[k]).ToArray();
        layers[0].Spectral.CheckGrid(padded);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return Decode(Hidden(input)).MoveToOuterDisposeScope();
    }

    /// <summary>The last Fourier layer's output [batch, width, n1, …, nd] on the input grid (padding removed): what
    /// <see cref="Decode"/> maps pointwise to the output. Evaluated between nodes (for example by
    /// <see cref="TrigonometricInterpolation"/>) and decoded there, it makes the operator a function of continuous
    /// coordinates that autograd can differentiate.</summary>
    public Tensor Hidden(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInput(input.shape);
        int d = Config.Dims;
        using var scope = NewDisposeScope();
        long[] sizes = input.shape[2..];
        Tensor h = Config.Grid ? cat([input, GridChannels(input.shape[0], sizes, input.dtype, input.device)], 1) : input;
        h = lift.forward(h);
        bool padded = Config.Padding.Any(p => p > 0);
        if (padded)
        {
            var pad = new long[2 * d];
            for (int k = 0; k < d; k++)
            {
                pad[2 * (d - 1 - k) + 1] = Config.Padding[k]; // F.pad lists the last axis first: (left, right) pairs
            }
            h = nn.functional.pad(h, pad);
        }
        for (int l = 0; l < layers.Count; l++)
        {
            h = layers[l].forward(h);
            if (l < layers.Count - 1)
            {
                h = nn.functional.gelu(h);
            }
        }
        if (padded)
        {
            for (int k = 0; k < d; k++)
            {
                h = h.narrow(2 + k, 0, sizes[k]);
            }
        }
        return h.MoveToOuterDisposeScope();
    }

    /// <summary>The projection head, pointwise: [batch, width, …] hidden features to [batch, out channels, …]
    /// (any trailing shape: grid axes or a list of points).</summary>
    public Tensor Decode(Tensor hidden)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        if (hidden.dim() < 3 || hidden.shape[1] != Config.Width)
        {
            throw new ArgumentException($"fno decode: expected hidden features [batch, {Config.Width}, ...], got [{string.Join(", ", hidden.shape)}]");
        }
        using var scope = NewDisposeScope();
        return output.forward(nn.functional.gelu(project.forward(hidden))).MoveToOuterDisposeScope();
    }

    /// <summary>The coordinate channels [batch, d, n1, …, nd], x_k = j / (n_k − 1).</summary>
    public static Tensor GridChannels(long batch, long[] sizes, ScalarType dtype, Device device)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        int d = sizes.Length;
        using var scope = NewDisposeScope();
        var channels = new Tensor[d];
        for (int k = 0; k < d; k++)
        {
            var view = Enumerable.Repeat(1L, d).ToArray();
            view[k] = sizes[k];
            long[] full = [batch, 1, .. sizes];
            channels[k] = linspace(0, 1, sizes[k], dtype: dtype, device: device).reshape([1, 1, .. view]).expand(full);
        }
        return cat(channels, 1).MoveToOuterDisposeScope();
    }
}
