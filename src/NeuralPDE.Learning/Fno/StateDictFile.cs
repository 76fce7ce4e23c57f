using System.Text;
using static TorchSharp.torch;
using NeuralPDE.Core.IO;

namespace NeuralPDE.Learning.Fno;

/// <summary>
/// The state-dict file format of TorchSharp's <c>Module.save</c>/<c>load</c> (also readable and writable from
/// Python with numpy; see tests/NeuralPDE.Tests/Fno/statedict.py): an entry count, then per entry the name (UTF-8,
/// length-prefixed) and the tensor — element-type code, rank, dimensions (all unsigned LEB128) and the raw
/// little-endian elements. Used for model export/import and for the tensors of an FNO checkpoint.
/// </summary>
public static class StateDictFile
{
    public static void Write(BinaryWriter writer, IReadOnlyList<(string Name, Tensor Value)> entries)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(entries);
        writer.Write7BitEncodedInt64(entries.Count);
        foreach (var (name, value) in entries)
        {
            writer.Write(name);
            using Tensor t = value.detach().cpu().contiguous();
            if (t.dtype is not (ScalarType.Float32 or ScalarType.Float64 or ScalarType.Int64))
            {
                throw new ArgumentException($"state dict: {name}: unsupported dtype {t.dtype}");
            }
            writer.Write7BitEncodedInt64((long)t.dtype);
            writer.Write7BitEncodedInt64(t.dim());
            foreach (long d in t.shape)
            {
                writer.Write7BitEncodedInt64(d);
            }
            writer.Write(t.bytes);
        }
    }

    public static List<(string Name, Tensor Value)> Read(BinaryReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var entries = new List<(string, Tensor)>();
        try
        {
            long count = reader.ReadInt64Leb("entry count", source);
            for (long e = 0; e < count; e++)
            {
                string name = reader.ReadString();
                var type = (ScalarType)reader.ReadInt64Leb(name, source);
                int size = type switch
                {
                    ScalarType.Float32 => 4,
                    ScalarType.Float64 or ScalarType.Int64 => 8,
                    _ => throw new InvalidDataException($"{source}: {name}: unsupported element type {(int)type}"),
                };
                long rank = reader.ReadInt64Leb(name, source);
                if (rank is < 0 or > 16)
                {
                    throw new InvalidDataException($"{source}: {name}: bad rank {rank}");
                }
                var shape = new long[rank];
                long elements = 1;
                for (int k = 0; k < rank; k++)
                {
                    shape[k] = reader.ReadInt64Leb(name, source);
                    elements *= shape[k];
                }
                byte[] raw = reader.ReadBytes(checked((int)(elements * size)));
                if (raw.Length != elements * size)
                {
                    throw new InvalidDataException($"{source}: {name}: truncated tensor data");
                }
                Tensor t = empty(shape, dtype: type);
                t.bytes = raw;
                entries.Add((name, t));
            }
        }
        catch (EndOfStreamException ex)
        {
            foreach (var (_, t) in entries)
            {
                t.Dispose();
            }
            throw new InvalidDataException($"{source}: truncated state dict", ex);
        }
        return entries;
    }

    /// <summary>Writes a module's parameters (its <c>named_parameters</c>) to <paramref name="path"/> (temporary file, then rename).</summary>
    public static void Save(string path, IReadOnlyList<(string Name, Tensor Value)> entries)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        AtomicFile.Write(full, temp =>
        {
            using var stream = File.Create(temp);
            using var writer = new BinaryWriter(stream, Encoding.UTF8);
            Write(writer, entries);
        });
    }

    public static List<(string Name, Tensor Value)> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file");
        }
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        return Read(reader, path);
    }

    private static long ReadInt64Leb(this BinaryReader reader, string what, string source)
    {
        long value = reader.Read7BitEncodedInt64();
        return value >= 0 ? value : throw new InvalidDataException($"{source}: {what}: negative size");
    }
}
