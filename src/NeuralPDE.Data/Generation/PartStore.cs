using System.Security.Cryptography;
using System.Text;

namespace NeuralPDE.Data.Generation;

/// <summary>
/// The resume mechanism: while <c>F.h5</c> is generated, every finished block of samples is saved as
/// <c>F.h5.parts/block-KKKKKK.bin</c> (written to a temporary name, then renamed, so a block file is complete or
/// absent), next to <c>manifest.txt</c>, which holds a hash of the dataset identity (recipe, spec, seed, sample count,
/// batch size, solver, layout) and the shard. A rerun of the same command finds the folder, checks the manifest
/// (a different recipe or seed is refused rather than mixed in) and generates only the missing blocks. When all
/// blocks are present the HDF5 file is assembled (temporary file, then rename) and the folder is deleted.
/// </summary>
public sealed class PartStore
{
    private const string Magic = "NPDEBLK1";
    private readonly DatasetLayout _layout;

    public PartStore(string outputPath, DatasetHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        Folder = Path.GetFullPath(outputPath) + ".parts";
        _layout = header.Layout;
        Manifest = "neuralpde dataset parts\nidentity " + Hash(header.Identity()) + "\nshard " + header.Shard + "\nsamples " + header.SampleStart + ".." + header.SampleEnd + "\n";
    }

    public string Folder { get; }

    private string Manifest { get; }

    private string ManifestPath => Path.Combine(Folder, "manifest.txt");

    /// <summary>Creates the folder, or checks that an existing one belongs to the same dataset and shard.</summary>
    public void Open()
    {
        if (Directory.Exists(Folder) && File.Exists(ManifestPath))
        {
            string existing = File.ReadAllText(ManifestPath);
            if (existing != Manifest)
            {
                throw new InvalidDataException($"{Folder}: partial results of a different dataset (recipe, seed, sample count, solver or shard differ); delete the folder or choose another --out");
            }
            return;
        }
        Directory.CreateDirectory(Folder);
        string temp = ManifestPath + ".tmp";
        File.WriteAllText(temp, Manifest);
        File.Move(temp, ManifestPath, overwrite: true);
    }

    private string BlockPath(int block) => Path.Combine(Folder, FormattableString.Invariant($"block-{block:D6}.bin"));

    /// <summary>True when the block was saved completely by an earlier run (a damaged file counts as missing).</summary>
    public bool Has(int block, int expectedCount)
    {
        string path = BlockPath(block);
        return File.Exists(path) && new FileInfo(path).Length == BlockBytes(expectedCount);
    }

    private long BlockBytes(int count)
        => Magic.Length + 4 + (long)count * (4 + 8 + 4L * _layout.Arrays.Sum(a => a.SampleLength) + 8L * (_layout.ParameterNames.Count + _layout.StatisticNames.Count));

    public void Save(int block, IReadOnlyList<GeneratedSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        string path = BlockPath(block);
        string temp = path + "." + Environment.ProcessId + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(Encoding.ASCII.GetBytes(Magic));
            writer.Write(samples.Count);
            foreach (GeneratedSample s in samples)
            {
                writer.Write(s.Index);
                writer.Write(s.Seed);
                for (int a = 0; a < _layout.Arrays.Count; a++)
                {
                    if (s.Arrays[a].Length != _layout.Arrays[a].SampleLength)
                    {
                        throw new InvalidOperationException($"sample {s.Index}: array {_layout.Arrays[a].Name} has {s.Arrays[a].Length} values, the layout says {_layout.Arrays[a].SampleLength}");
                    }
                    writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(s.Arrays[a].AsSpan()));
                }
                WriteDoubles(writer, s.Parameters, _layout.ParameterNames.Count, "parameters");
                WriteDoubles(writer, s.Statistics, _layout.StatisticNames.Count, "statistics");
            }
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    private static void WriteDoubles(BinaryWriter writer, double[] values, int expected, string what)
    {
        if (values.Length != expected)
        {
            throw new InvalidOperationException($"expected {expected} {what}, got {values.Length}");
        }
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
    }

    public IReadOnlyList<GeneratedSample> Load(int block)
    {
        string path = BlockPath(block);
        using var reader = new BinaryReader(File.OpenRead(path));
        if (Encoding.ASCII.GetString(reader.ReadBytes(Magic.Length)) != Magic)
        {
            throw new InvalidDataException($"{path}: not a NeuralPDE block file");
        }
        int count = reader.ReadInt32();
        var samples = new GeneratedSample[count];
        for (int k = 0; k < count; k++)
        {
            int index = reader.ReadInt32();
            long seed = reader.ReadInt64();
            var arrays = new float[_layout.Arrays.Count][];
            for (int a = 0; a < arrays.Length; a++)
            {
                arrays[a] = new float[_layout.Arrays[a].SampleLength];
                reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(arrays[a].AsSpan()));
            }
            var parameters = new double[_layout.ParameterNames.Count];
            reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(parameters.AsSpan()));
            var stats = new double[_layout.StatisticNames.Count];
            reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(stats.AsSpan()));
            samples[k] = new GeneratedSample(index, seed, arrays, parameters, stats);
        }
        return samples;
    }

    /// <summary>Deletes the folder after the final file has been written.</summary>
    public void Delete()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
