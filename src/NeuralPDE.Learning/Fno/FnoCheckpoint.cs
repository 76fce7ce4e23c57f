using System.Text;
using System.Text.Json.Nodes;
using static TorchSharp.torch;
using NeuralPDE.Core.IO;

namespace NeuralPDE.Learning.Fno;

/// <summary>
/// A saved FNO run: a JSON header (problem, architecture, variant, settings, completed epochs, optimiser step, seed,
/// metric history, data description) and named tensors — the model (<c>model.*</c>, the same names as the exported
/// state dict), Adam's moments (<c>adam.m.*</c>, <c>adam.v.*</c>) and the normalisers (<c>normalizer.*</c>) — in
/// the TorchSharp state-dict encoding (<see cref="StateDictFile"/>). The learning-rate schedule is a function of the
/// epoch, so the header holds its whole state. Written to a temporary file and renamed.
/// </summary>
public sealed class FnoCheckpoint : IDisposable
{
    private const string Magic = "NPDE-FNO-CKPT-1";

    public FnoCheckpoint(JsonObject header, List<(string Name, Tensor Value)> tensors)
    {
        Header = header ?? throw new ArgumentNullException(nameof(header));
        Tensors = tensors ?? throw new ArgumentNullException(nameof(tensors));
    }

    public JsonObject Header { get; }

    public List<(string Name, Tensor Value)> Tensors { get; }

    public Tensor? Find(string name) => Tensors.FirstOrDefault(t => t.Name == name).Value;

    public Tensor Get(string name) => Find(name) ?? throw new InvalidDataException($"fno checkpoint: missing tensor '{name}'");

    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        AtomicFile.Write(full, temp =>
        {
            using var stream = File.Create(temp);
            using var writer = new BinaryWriter(stream, Encoding.UTF8);
            writer.Write(Magic);
            writer.Write(Header.ToJsonString());
            StateDictFile.Write(writer, Tensors);
        });
    }

    public static FnoCheckpoint Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such checkpoint file");
        }
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            if (stream.Length < Magic.Length + 1 || reader.ReadString() != Magic)
            {
                throw new InvalidDataException($"{path}: not a NeuralPDE FNO checkpoint");
            }
            var header = JsonNode.Parse(reader.ReadString()) as JsonObject ?? throw new InvalidDataException($"{path}: bad checkpoint header");
            return new FnoCheckpoint(header, StateDictFile.Read(reader, path));
        }
        catch (Exception e) when (e is EndOfStreamException or System.Text.Json.JsonException or FormatException)
        {
            throw new InvalidDataException($"{path}: damaged FNO checkpoint ({e.Message})", e);
        }
    }

    /// <summary>Rebuilds the model (network, variant, normalisers) stored in the checkpoint.</summary>
    public FnoModel Model()
    {
        FnoConfig config = FnoConfig.FromJson(Header["config"]!.AsObject());
        var network = new FnoNetwork(config);
        LoadParameters(network, Tensors, "model.", "checkpoint");
        FnoVariant variant = FnoVariants.Parse(Header["variant"]!.GetValue<string>());
        return new FnoModel(network, variant, Normalizer("input"), Normalizer("output"));
    }

    private UnitGaussianNormalizer Normalizer(string which)
    {
        var mode = Enum.Parse<NormalizerMode>(Header[$"{which}Normalizer"]?.GetValue<string>() ?? "None", ignoreCase: true);
        return mode == NormalizerMode.None
            ? new UnitGaussianNormalizer(mode, null, null)
            : new UnitGaussianNormalizer(mode, Get($"normalizer.{which}.mean").clone(), Get($"normalizer.{which}.std").clone());
    }

    /// <summary>Copies named tensors (prefix + parameter name) into a network, checking names and shapes.</summary>
    public static void LoadParameters(FnoNetwork network, IReadOnlyList<(string Name, Tensor Value)> tensors, string prefix, string source)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(tensors);
        var byName = tensors.Where(t => t.Name.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(t => t.Name[prefix.Length..], t => t.Value, StringComparer.Ordinal);
        using var noGrad = no_grad();
        var expected = network.named_parameters().ToList();
        foreach (var (name, parameter) in expected)
        {
            if (!byName.TryGetValue(name, out Tensor? value))
            {
                throw new InvalidDataException($"{source}: missing parameter '{name}' for {network.Config.Describe()}");
            }
            if (!value.shape.SequenceEqual(parameter.shape))
            {
                throw new InvalidDataException($"{source}: parameter '{name}' has shape [{string.Join(", ", value.shape)}], the model expects [{string.Join(", ", parameter.shape)}]");
            }
            parameter.copy_(value);
        }
        var extra = byName.Keys.Except(expected.Select(p => p.name)).ToList();
        if (extra.Count > 0)
        {
            throw new InvalidDataException($"{source}: unexpected parameters {string.Join(", ", extra.Take(5))} for {network.Config.Describe()}");
        }
    }

    public void Dispose()
    {
        foreach (var (_, t) in Tensors)
        {
            t.Dispose();
        }
    }
}
