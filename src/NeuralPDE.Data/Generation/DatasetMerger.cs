using System.Globalization;
using NeuralPDE.Data.Reading;

namespace NeuralPDE.Data.Generation;

/// <summary>
/// <c>neuralpde merge OUT.h5 SHARD...</c>: joins shard files of one dataset into one file identical (apart from
/// <c>created-utc</c> and <c>shard</c>) to what a single run writes. Refuses foreign files, shards of a different
/// recipe/spec/seed/solver/layout, overlapping shards, and gaps (a missing shard is named by its sample range).
/// </summary>
public static class DatasetMerger
{
    private const int RowsPerBlock = 64;

    public static int Merge(string outputPath, IReadOnlyList<string> shardPaths)
    {
        ArgumentNullException.ThrowIfNull(shardPaths);
        if (shardPaths.Count == 0)
        {
            throw new InvalidDataException("merge: expected at least one shard file");
        }
        var readers = new List<(DatasetReader Reader, DatasetHeader Header)>();
        try
        {
            foreach (string path in shardPaths)
            {
                var reader = new DatasetReader(path);
                try
                {
                    readers.Add((reader, ReadHeader(reader)));
                }
                catch
                {
                    reader.Dispose();
                    throw;
                }
            }
            DatasetHeader first = readers[0].Header;
            string identity = first.Identity();
            foreach (var (reader, header) in readers)
            {
                if (header.Identity() != identity)
                {
                    throw new InvalidDataException($"{reader.Path}: belongs to a different dataset than {readers[0].Reader.Path} ({Difference(first, header)})");
                }
            }
            var ordered = readers.OrderBy(r => r.Header.SampleStart).ToList();
            int next = 0;
            foreach (var (reader, header) in ordered)
            {
                if (header.SampleStart < next)
                {
                    throw new InvalidDataException($"{reader.Path}: samples {header.SampleStart}..{header.SampleEnd - 1} (shard {header.Shard}) overlap samples already given by another shard");
                }
                if (header.SampleStart > next)
                {
                    throw new InvalidDataException($"missing shard: no file holds samples {next}..{header.SampleStart - 1} of {first.TotalSamples}");
                }
                next = header.SampleEnd;
            }
            if (next != first.TotalSamples)
            {
                throw new InvalidDataException($"missing shard: no file holds samples {next}..{first.TotalSamples - 1} of {first.TotalSamples}");
            }
            string notes = string.Join("; ", readers.Select(r => r.Header.Notes).Where(n => n.Length > 0).Distinct());
            var merged = first with { Shard = ShardSpec.Whole, SampleStart = 0, SampleEnd = first.TotalSamples, Notes = notes };
            DatasetFileWriter.Write(outputPath, merged, ordered.SelectMany(r => Blocks(r.Reader, r.Header)));
            return first.TotalSamples;
        }
        finally
        {
            foreach (var (reader, _) in readers)
            {
                reader.Dispose();
            }
        }
    }

    private static string Difference(DatasetHeader a, DatasetHeader b)
    {
        if (a.RecipeName != b.RecipeName) return $"recipe {a.RecipeName} vs {b.RecipeName}";
        if (a.RecipeJson != b.RecipeJson) return "the recipe JSON differs";
        if (a.SpecJson != b.SpecJson) return "the problem spec differs";
        if (a.Seed != b.Seed) return $"seed {a.Seed} vs {b.Seed}";
        if (a.TotalSamples != b.TotalSamples) return $"{a.TotalSamples} vs {b.TotalSamples} samples";
        if (a.Solver != b.Solver) return $"solver {a.Solver} vs {b.Solver}";
        return "batch size or layout differ";
    }

    /// <summary>Reads the header of a NeuralPDE dataset file (refusing other files).</summary>
    public static DatasetHeader ReadHeader(DatasetReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (!reader.IsNeuralPde)
        {
            throw new InvalidDataException($"{reader.Path}: not a NeuralPDE dataset shard (attribute format != {DatasetHeader.Format})");
        }
        string Text(string name) => reader.TextAttribute(name) ?? throw new InvalidDataException($"{reader.Path}: attribute '{name}' missing");
        long Number(string name) => (long)(reader.NumberAttribute(name) ?? throw new InvalidDataException($"{reader.Path}: attribute '{name}' missing"));
        var arrays = reader.Arrays.Select(name =>
        {
            int[] shape = reader.Shape(name);
            return new DatasetArray(name, shape[1..], reader.Description(name));
        }).ToList();
        var coordinates = new Dictionary<string, float[]>();
        foreach (string name in Text("coordinates").Split(',', StringSplitOptions.RemoveEmptyEntries).Where(n => n != "-"))
        {
            string axis = name.EndsWith("-coordinate", StringComparison.Ordinal) ? name[..^"-coordinate".Length] : name;
            coordinates[name] = reader.Coordinate(axis).Select(v => (float)v).ToArray();
        }
        var attributes = new Dictionary<string, double>();
        foreach (string name in Text("pde-attributes").Split(',', StringSplitOptions.RemoveEmptyEntries).Where(n => n != "-"))
        {
            attributes[name] = reader.NumberAttribute(name) ?? double.NaN;
        }
        var layout = new DatasetLayout(arrays, coordinates, reader.Parameters().Names, reader.Statistics().Names, attributes);
        string notes = Text("notes");
        return new DatasetHeader(Text("recipe-name"), Text("problem"), Text("recipe"), Text("spec"), Number("seed"), (int)Number("samples-total"),
            (int)Number("batch-size"), Text("solver"), notes == "-" ? "" : notes, layout, ParseShard(Text("shard")), (int)Number("sample-start"), (int)Number("sample-end"));
    }

    private static ShardSpec ParseShard(string text)
    {
        string[] parts = text.Split('/');
        return new ShardSpec(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private static IEnumerable<IReadOnlyList<GeneratedSample>> Blocks(DatasetReader reader, DatasetHeader header)
    {
        int count = header.Count;
        for (int first = 0; first < count; first += RowsPerBlock)
        {
            int rows = Math.Min(RowsPerBlock, count - first);
            long[] seeds = reader.Longs("seeds", first, rows);
            double[] parameters = reader.Table("parameters", first, rows).Values;
            double[] statistics = reader.Table("statistics", first, rows).Values;
            int p = header.Layout.ParameterNames.Count, s = header.Layout.StatisticNames.Count;
            var block = new GeneratedSample[rows];
            for (int k = 0; k < rows; k++)
            {
                var arrays = header.Layout.Arrays.Select(a => reader.Read(first + k, a.Name, out _)).ToArray();
                block[k] = new GeneratedSample(header.SampleStart + first + k, seeds[k], arrays,
                    p == 0 ? [] : parameters.AsSpan(k * p, p).ToArray(), s == 0 ? [] : statistics.AsSpan(k * s, s).ToArray());
            }
            yield return block;
        }
    }
}
