using System.Text;
using System.Text.Json;
using NeuralPDE.Core.IO;

namespace NeuralPDE.Learning.Pinn;

/// <summary>
/// The complete state of a PINN run at a step boundary — parameters, Adam moments, L-BFGS history, collocation
/// points, adaptive weights and the metric history — so that a resumed run continues bit for bit. Stored as one
/// binary file (magic, a JSON header of scalars, then named float64 arrays), written to a temporary file and renamed.
/// </summary>
public sealed class TrainingCheckpoint
{
    private const string Magic = "NPDE-PINN-CKPT-1";

    /// <summary>File name inside a checkpoint directory.</summary>
    public const string FileName = "pinn.ckpt";

    public Dictionary<string, double> Scalars { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Texts { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, double[]> Arrays { get; } = new(StringComparer.Ordinal);

    public double Scalar(string name) => Scalars.TryGetValue(name, out double v) ? v
        : throw new InvalidDataException($"checkpoint: missing value '{name}'");

    public double[] Array(string name) => Arrays.TryGetValue(name, out double[]? v) ? v
        : throw new InvalidDataException($"checkpoint: missing array '{name}'");

    public string Text(string name) => Texts.TryGetValue(name, out string? v) ? v
        : throw new InvalidDataException($"checkpoint: missing text '{name}'");

    public void Save(string path)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        AtomicFile.Write(full, temp =>
        {
            using var stream = File.Create(temp);
            using var writer = new BinaryWriter(stream, Encoding.UTF8);
            writer.Write(Magic);
            writer.Write(JsonSerializer.Serialize(Scalars.ToDictionary(kv => kv.Key, kv => BitConverter.DoubleToInt64Bits(kv.Value))));
            writer.Write(JsonSerializer.Serialize(Texts));
            writer.Write(Arrays.Count);
            foreach (var (name, values) in Arrays.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                writer.Write(name);
                writer.Write(values.Length);
                foreach (double v in values)
                {
                    writer.Write(v);
                }
            }
        });
    }

    public static TrainingCheckpoint Load(string path)
    {
        var checkpoint = new TrainingCheckpoint();
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (reader.ReadString() != Magic)
            {
                throw new InvalidDataException($"{path}: not a NeuralPDE PINN checkpoint");
            }
            var scalars = JsonSerializer.Deserialize<Dictionary<string, long>>(reader.ReadString()) ?? [];
            foreach (var (k, bits) in scalars)
            {
                checkpoint.Scalars[k] = BitConverter.Int64BitsToDouble(bits);
            }
            foreach (var (k, v) in JsonSerializer.Deserialize<Dictionary<string, string>>(reader.ReadString()) ?? [])
            {
                checkpoint.Texts[k] = v;
            }
            int count = reader.ReadInt32();
            for (int a = 0; a < count; a++)
            {
                string name = reader.ReadString();
                int length = reader.ReadInt32();
                if (length < 0 || length > (stream.Length - stream.Position) / 8)
                {
                    throw new InvalidDataException($"{path}: array '{name}' is truncated");
                }
                var values = new double[length];
                for (int i = 0; i < length; i++)
                {
                    values[i] = reader.ReadDouble();
                }
                checkpoint.Arrays[name] = values;
            }
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path}: truncated checkpoint", e);
        }
        return checkpoint;
    }
}
