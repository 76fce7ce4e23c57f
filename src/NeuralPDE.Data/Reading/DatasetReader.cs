using System.Globalization;
using NeuralPDE.Data.Generation;
using NeuralPDE.Data.Hdf5;
using PureHDF;
using PureHDF.Selections;
using PureHDF.VOL.Native;

namespace NeuralPDE.Data.Reading;

/// <summary>
/// Random access to the samples of a dataset file written by <c>neuralpde generate</c>/<c>merge</c>, or of a PDEBench
/// file with the same layout (a <c>tensor</c> [N, …] plus optional <c>nu</c> [N, …] and <c>x-/y-/t-coordinate</c>;
/// float32 or float64). Reads one sample (one HDF5 chunk) at a time, optionally downsampled by a stride in space and
/// in time; <see cref="Split"/> gives train/test index sets. Not thread-safe; open one reader per thread.
/// </summary>
public sealed class DatasetReader : IDisposable
{
    private readonly NativeFile _file;

    public DatasetReader(string path)
    {
        Path = path;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file");
        }
        Hdf5Integrity.Check(path);
        try
        {
            _file = H5File.OpenRead(path);
        }
        catch (Exception e) when (e is not FileNotFoundException)
        {
            throw new InvalidDataException($"{path}: not a readable HDF5 file ({e.Message.Split('\n')[0]})", e);
        }
        try
        {
            if (!_file.LinkExists("tensor"))
            {
                throw new InvalidDataException($"{path}: not a dataset file (no 'tensor' dataset; expected the PDEBench/NeuralPDE layout)");
            }
            Count = (int)_file.Dataset("tensor").Space.Dimensions[0];
            Arrays = TextAttribute("arrays") is string list
                ? list.Split(',', StringSplitOptions.RemoveEmptyEntries)
                : new[] { "tensor", "nu", "mask" }.Where(_file.LinkExists).ToArray();
        }
        catch (Exception e) when (e is not InvalidDataException)
        {
            _file.Dispose();
            throw new InvalidDataException($"{path}: damaged or foreign dataset file ({e.Message.Split('\n')[0]})", e);
        }
        catch
        {
            _file.Dispose();
            throw;
        }
    }

    public string Path { get; }

    /// <summary>Number of samples (first dimension of <c>tensor</c>).</summary>
    public int Count { get; }

    /// <summary>The per-sample arrays (attribute <c>arrays</c>, or <c>tensor</c>/<c>nu</c>/<c>mask</c> in a PDEBench file).</summary>
    public IReadOnlyList<string> Arrays { get; }

    /// <summary>True for files written by NeuralPDE (attribute <c>format</c>).</summary>
    public bool IsNeuralPde => TextAttribute("format") == DatasetHeader.Format;

    /// <summary>The global index of the first sample (attribute <c>sample-start</c>; 0 for PDEBench files).</summary>
    public int SampleStart => (int)(NumberAttribute("sample-start") ?? 0);

    /// <summary>Full dimensions of a dataset, e.g. [N, T, X] for <c>tensor</c>.</summary>
    public int[] Shape(string name = "tensor") => Dataset(name).Space.Dimensions.Select(d => (int)d).ToArray();

    public bool Has(string name) => _file.LinkExists(name);

    /// <summary>
    /// Sample <paramref name="index"/> (0-based within this file) of array <paramref name="name"/>, row-major with the
    /// per-sample shape returned in <paramref name="shape"/>. <paramref name="stride"/> keeps every stride-th point along
    /// the spatial axes, <paramref name="timeStride"/> every timeStride-th snapshot (axis 1 of a time-dependent array,
    /// recognised by its length equal to the <c>t-coordinate</c>'s).
    /// </summary>
    public float[] Read(int index, string name, out int[] shape, int stride = 1, int timeStride = 1)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"{Path}: sample {index} is out of range (the file has {Count})");
        }
        if (stride < 1 || timeStride < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(stride), $"strides must be >= 1, got {stride} and {timeStride}");
        }
        IH5Dataset dataset = Dataset(name);
        ulong[] dims = dataset.Space.Dimensions;
        int rank = dims.Length;
        int times = _file.LinkExists("t-coordinate") ? (int)_file.Dataset("t-coordinate").Space.Dimensions[0] : -1;
        var starts = new ulong[rank];
        var strides = new ulong[rank];
        var counts = new ulong[rank];
        var blocks = new ulong[rank];
        starts[0] = (ulong)index;
        strides[0] = 1;
        counts[0] = 1;
        blocks[0] = 1;
        for (int axis = 1; axis < rank; axis++)
        {
            bool time = axis == 1 && rank >= 3 && (int)dims[1] == times;
            ulong step = dims[axis] == 1 ? 1 : (ulong)(time ? timeStride : stride);
            strides[axis] = step;
            counts[axis] = (dims[axis] + step - 1) / step;
            blocks[axis] = 1;
        }
        shape = counts.Skip(1).Select(c => (int)c).ToArray();
        var selection = new HyperslabSelection(rank, starts, strides, counts, blocks);
        if (dataset.Type.Size == 8)
        {
            double[] wide = dataset.Read<double[]>(fileSelection: selection);
            return wide.Select(v => (float)v).ToArray();
        }
        return dataset.Read<float[]>(fileSelection: selection);
    }

    /// <summary>Sample <paramref name="index"/> of <c>tensor</c>.</summary>
    public float[] Read(int index, int stride = 1, int timeStride = 1) => Read(index, "tensor", out _, stride, timeStride);

    /// <summary>A coordinate axis (<c>x</c>, <c>y</c> or <c>t</c>), downsampled by <paramref name="stride"/>.</summary>
    public double[] Coordinate(string axis, int stride = 1)
    {
        IH5Dataset dataset = Dataset(axis + "-coordinate");
        double[] values = dataset.Type.Size == 8 ? dataset.Read<double[]>() : dataset.Read<float[]>().Select(v => (double)v).ToArray();
        return values.Where((_, k) => k % stride == 0).ToArray();
    }

    /// <summary>Per-sample seeds (empty for PDEBench files).</summary>
    public long[] Seeds() => _file.LinkExists("seeds") ? _file.Dataset("seeds").Read<long[]>() : [];

    /// <summary>The per-sample <c>parameters</c> table [N, P] and its column names (empty when absent).</summary>
    public (string[] Names, double[] Values) Parameters() => Table("parameters");

    /// <summary>The per-sample solver <c>statistics</c> table [N, S] and its column names (empty when absent).</summary>
    public (string[] Names, double[] Values) Statistics() => Table("statistics");

    /// <summary>Rows [first, first + count) of a table: column names and row-major values.</summary>
    public (string[] Names, double[] Values) Table(string name, int first = 0, int? count = null)
    {
        if (!_file.LinkExists(name))
        {
            return ([], []);
        }
        IH5Dataset dataset = _file.Dataset(name);
        string[] names = dataset.AttributeExists("names") ? dataset.Attribute("names").Read<string>().Split(',') : [];
        ulong[] dims = dataset.Space.Dimensions;
        int rows = count ?? (int)dims[0] - first;
        var selection = new HyperslabSelection(2, [(ulong)first, 0], [(ulong)rows, dims[1]]);
        return (names, dataset.Read<double[]>(fileSelection: selection));
    }

    /// <summary>Rows [first, first + count) of a 1-D int64 dataset (<c>seeds</c>, <c>sample-index</c>).</summary>
    public long[] Longs(string name, int first, int count)
        => _file.Dataset(name).Read<long[]>(fileSelection: new HyperslabSelection((ulong)first, (ulong)count));

    /// <summary>The <c>description</c> attribute of a dataset, or an empty string.</summary>
    public string Description(string name)
    {
        IH5Dataset dataset = Dataset(name);
        return dataset.AttributeExists("description") ? dataset.Attribute("description").Read<string>() : "";
    }

    /// <summary>A string attribute of the file, or null.</summary>
    public string? TextAttribute(string name)
    {
        if (!_file.AttributeExists(name))
        {
            return null;
        }
        IH5Attribute attribute = _file.Attribute(name);
        return attribute.Type.Class is H5DataTypeClass.String or H5DataTypeClass.VariableLength ? attribute.Read<string>() : null;
    }

    /// <summary>A numeric attribute of the file (e.g. <c>Nu</c>, <c>seed</c>), or null.</summary>
    public double? NumberAttribute(string name)
    {
        if (!_file.AttributeExists(name))
        {
            return null;
        }
        IH5Attribute attribute = _file.Attribute(name);
        return attribute.Type.Class switch
        {
            H5DataTypeClass.FloatingPoint => attribute.Type.Size == 4 ? attribute.Read<float>() : attribute.Read<double>(),
            H5DataTypeClass.FixedPoint => attribute.Type.Size == 4 ? attribute.Read<int>() : attribute.Read<long>(),
            H5DataTypeClass.String or H5DataTypeClass.VariableLength
                when double.TryParse(attribute.Read<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) => v,
            _ => null,
        };
    }

    /// <summary>
    /// Train/test split of the sample indices: the first ⌊trainFraction·N⌋ samples train, the rest test (PDEBench's
    /// convention: the test set is the tail), or — with a <paramref name="shuffleSeed"/> — a seeded permutation first.
    /// </summary>
    public (int[] Train, int[] Test) Split(double trainFraction, long? shuffleSeed = null)
    {
        if (!(trainFraction > 0 && trainFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(trainFraction), $"expected a fraction in (0, 1), got {trainFraction}");
        }
        int[] order = Enumerable.Range(0, Count).ToArray();
        if (shuffleSeed is long seed)
        {
            var rng = new NeuralPDE.Core.Random.Xoshiro256StarStar(unchecked((ulong)seed));
            for (int i = order.Length - 1; i > 0; i--)
            {
                int j = (int)(rng.NextUInt64() % (ulong)(i + 1));
                (order[i], order[j]) = (order[j], order[i]);
            }
        }
        int train = (int)Math.Floor(trainFraction * Count);
        return (order[..train], order[train..]);
    }

    private IH5Dataset Dataset(string name)
    {
        if (!_file.LinkExists(name))
        {
            throw new InvalidDataException($"{Path}: no dataset '{name}' (has: {string.Join(", ", _file.Children().Select(c => c.Name))})");
        }
        return _file.Dataset(name);
    }

    public void Dispose() => _file.Dispose();
}
