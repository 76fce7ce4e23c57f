using System.Globalization;
using NeuralPDE.Data.Hdf5;
using PureHDF;
using PureHDF.Selections;

namespace NeuralPDE.Data.Generation;

/// <summary>
/// Writes a dataset file (DESIGN.md, PDEBench-compatible): every per-sample array of the layout as float32
/// [N, ..shape] chunked one sample per chunk (cheap random access), the coordinates, <c>seeds</c> and
/// <c>sample-index</c> (int64 [N]), <c>parameters</c> and <c>statistics</c> (float64 [N, P] / [N, S], column names in
/// their <c>names</c> attribute), and root attributes: <c>format</c>, <c>recipe</c>, <c>recipe-name</c>,
/// <c>problem</c>, <c>spec</c>, <c>seed</c>, <c>seed-derivation</c>, <c>samples-total</c>, <c>sample-start</c>,
/// <c>sample-end</c>, <c>shard</c>, <c>batch-size</c>, <c>solver</c>, <c>notes</c>, <c>library</c>,
/// <c>created-utc</c> and the layout's scalar attributes (<c>Nu</c>, …). Samples are streamed block by block, so
/// memory stays at one block; the file is written under a temporary name and renamed.
/// </summary>
public static class DatasetFileWriter
{
    public static void Write(string path, DatasetHeader header, IEnumerable<IReadOnlyList<GeneratedSample>> blocks)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(blocks);
        DatasetLayout layout = header.Layout;
        ulong n = (ulong)header.Count;
        var file = new H5File();
        var arrays = new H5Dataset<float[]>[layout.Arrays.Count];
        for (int a = 0; a < arrays.Length; a++)
        {
            DatasetArray array = layout.Arrays[a];
            arrays[a] = new H5Dataset<float[]>(
                fileDims: [n, .. array.SampleShape.Select(d => (ulong)d)],
                chunks: [1u, .. array.SampleShape.Select(d => (uint)d)]);
            arrays[a].Attributes["description"] = array.Description;
            file[array.Name] = arrays[a];
        }
        foreach (var (name, values) in layout.Coordinates)
        {
            file[name] = values;
        }
        int p = layout.ParameterNames.Count, s = layout.StatisticNames.Count;
        uint rows = (uint)Math.Min(n, 4096UL);
        var seedSet = new H5Dataset<long[]>(fileDims: [n], chunks: [rows]);
        seedSet.Attributes["description"] = "per-sample seed: " + SampleSeeds.Description;
        file["seeds"] = seedSet;
        var indexSet = new H5Dataset<long[]>(fileDims: [n], chunks: [rows]);
        indexSet.Attributes["description"] = "global sample index (0-based) of each row";
        file["sample-index"] = indexSet;
        H5Dataset<double[]>? parameterSet = null, statisticSet = null;
        if (p > 0)
        {
            parameterSet = new H5Dataset<double[]>(fileDims: [n, (ulong)p], chunks: [rows, (uint)p]);
            parameterSet.Attributes["names"] = string.Join(",", layout.ParameterNames);
            file["parameters"] = parameterSet;
        }
        if (s > 0)
        {
            statisticSet = new H5Dataset<double[]>(fileDims: [n, (ulong)s], chunks: [rows, (uint)s]);
            statisticSet.Attributes["names"] = string.Join(",", layout.StatisticNames);
            file["statistics"] = statisticSet;
        }

        AddAttributes(file, header);
        string temp = TemporaryName(path);
        try
        {
            int next = header.SampleStart;
            using (var writer = file.BeginWrite(temp))
            {
                foreach (IReadOnlyList<GeneratedSample> block in blocks)
                {
                    if (block.Count == 0)
                    {
                        continue;
                    }
                    int first = block[0].Index - header.SampleStart;
                    int count = block.Count;
                    var seeds = new long[count];
                    var indices = new long[count];
                    var parameters = new double[count * p];
                    var statistics = new double[count * s];
                    for (int k = 0; k < count; k++)
                    {
                        GeneratedSample sample = block[k];
                        if (sample.Index != next)
                        {
                            throw new InvalidDataException($"{path}: samples out of order: expected sample {next}, got {sample.Index}");
                        }
                        next++;
                        seeds[k] = sample.Seed;
                        indices[k] = sample.Index;
                        Array.Copy(sample.Parameters, 0, parameters, k * p, p);
                        Array.Copy(sample.Statistics, 0, statistics, k * s, s);
                    }
                    writer.Write(seedSet, seeds, fileSelection: new HyperslabSelection((ulong)first, (ulong)count));
                    writer.Write(indexSet, indices, fileSelection: new HyperslabSelection((ulong)first, (ulong)count));
                    if (parameterSet is not null)
                    {
                        writer.Write(parameterSet, parameters, fileSelection: new HyperslabSelection(2, [(ulong)first, 0], [(ulong)count, (ulong)p]));
                    }
                    if (statisticSet is not null)
                    {
                        writer.Write(statisticSet, statistics, fileSelection: new HyperslabSelection(2, [(ulong)first, 0], [(ulong)count, (ulong)s]));
                    }
                    for (int a = 0; a < arrays.Length; a++)
                    {
                        int length = layout.Arrays[a].SampleLength;
                        var buffer = new float[(long)block.Count * length];
                        for (int k = 0; k < block.Count; k++)
                        {
                            Array.Copy(block[k].Arrays[a], 0, buffer, (long)k * length, length);
                        }
                        int rank = layout.Arrays[a].SampleShape.Length + 1;
                        ulong[] starts = [(ulong)first, .. Enumerable.Repeat(0UL, rank - 1)];
                        ulong[] sizes = [(ulong)block.Count, .. layout.Arrays[a].SampleShape.Select(d => (ulong)d)];
                        writer.Write(arrays[a], buffer, fileSelection: new HyperslabSelection(rank, starts, sizes));
                    }
                }
            }
            if (next != header.SampleEnd)
            {
                throw new InvalidDataException($"{path}: expected samples {header.SampleStart}..{header.SampleEnd - 1}, got up to {next - 1}");
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void AddAttributes(H5File file, DatasetHeader header)
    {
        file.Attributes["format"] = DatasetHeader.Format;
        file.Attributes["recipe-name"] = header.RecipeName;
        file.Attributes["recipe"] = header.RecipeJson;
        file.Attributes["problem"] = header.ProblemName;
        file.Attributes["spec"] = header.SpecJson;
        file.Attributes["seed"] = header.Seed;
        file.Attributes["seed-derivation"] = SampleSeeds.Description;
        file.Attributes["samples-total"] = (long)header.TotalSamples;
        file.Attributes["sample-start"] = (long)header.SampleStart;
        file.Attributes["sample-end"] = (long)header.SampleEnd;
        file.Attributes["shard"] = header.Shard.ToString();
        file.Attributes["batch-size"] = (long)header.BatchSize;
        file.Attributes["solver"] = header.Solver;
        file.Attributes["notes"] = header.Notes.Length == 0 ? "-" : header.Notes;
        file.Attributes["library"] = "NeuralPDE " + SolutionFileWriter.LibraryVersion;
        file.Attributes["created-utc"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        file.Attributes["arrays"] = string.Join(",", header.Layout.Arrays.Select(a => a.Name));
        file.Attributes["coordinates"] = header.Layout.Coordinates.Count == 0 ? "-" : string.Join(",", header.Layout.Coordinates.Keys);
        file.Attributes["pde-attributes"] = header.Layout.Attributes.Count == 0 ? "-" : string.Join(",", header.Layout.Attributes.Keys);
        foreach (var (key, value) in header.Layout.Attributes)
        {
            file.Attributes[key] = value;
        }
    }

    private static string TemporaryName(string path)
    {
        string full = Path.GetFullPath(path);
        return Path.Combine(Path.GetDirectoryName(full) ?? ".", "." + Path.GetFileName(full) + "." + Environment.ProcessId + ".partial");
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // best effort; the temporary name is never mistaken for a result
        }
    }
}
