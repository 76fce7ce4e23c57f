using NeuralPDE.Data.Reading;
using static TorchSharp.torch;

namespace NeuralPDE.Learning.Fno;

/// <summary>
/// Streams (input, target) pairs from an HDF5 dataset through <see cref="DatasetReader"/>: a mini-batch reads the
/// samples it needs (subsampled by <see cref="Stride"/> in space and <see cref="TimeStride"/> in time) and keeps them
/// in an in-memory cache up to <see cref="CacheBytes"/>, so a small dataset is read from disk once and a large one
/// streams. Inputs are [C_in, n1, …], targets [C_out, n1, …] per sample (float32).
/// </summary>
public sealed class FnoSampleStore : IDisposable
{
    private readonly DatasetReader _reader;
    private readonly Dictionary<int, (float[] X, float[] Y)> _cache = [];
    private long _cachedBytes;

    public FnoSampleStore(string path, FnoPairing pairing, int stride = 1, int timeStride = 1, int inputSteps = 10, int outputSteps = 10, long cacheBytes = 4L << 30)
    {
        _reader = new DatasetReader(path);
        try
        {
            Pairing = pairing;
            Stride = stride;
            TimeStride = timeStride;
            InputSteps = inputSteps;
            OutputSteps = outputSteps;
            CacheBytes = cacheBytes;
            Check();
            (float[] x, float[] y) = ReadPair(0, out long[] inShape, out long[] outShape);
            InputShape = inShape;
            OutputShape = outShape;
            _ = x.Length + y.Length;
        }
        catch
        {
            _reader.Dispose();
            throw;
        }
    }

    public string Path => _reader.Path;

    public DatasetReader Reader => _reader;

    public FnoPairing Pairing { get; }

    public int Stride { get; }

    public int TimeStride { get; }

    public int InputSteps { get; }

    public int OutputSteps { get; }

    public long CacheBytes { get; }

    public int Count => _reader.Count;

    /// <summary>Per-sample input shape [C_in, n1, …].</summary>
    public long[] InputShape { get; }

    /// <summary>Per-sample target shape [C_out, n1, …].</summary>
    public long[] OutputShape { get; }

    /// <summary>Spatial sizes [n1, …] after subsampling.</summary>
    public long[] Resolution => InputShape[1..];

    /// <summary>Inputs [B, C_in, …] and targets [B, C_out, …] of the given samples, on <paramref name="device"/>.</summary>
    public (Tensor X, Tensor Y) Batch(IReadOnlyList<int> indices, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(indices);
        long inSize = InputShape.Aggregate(1L, (a, b) => a * b);
        long outSize = OutputShape.Aggregate(1L, (a, b) => a * b);
        var x = new float[indices.Count * inSize];
        var y = new float[indices.Count * outSize];
        for (int b = 0; b < indices.Count; b++)
        {
            var (xs, ys) = Sample(indices[b]);
            Array.Copy(xs, 0, x, b * inSize, inSize);
            Array.Copy(ys, 0, y, b * outSize, outSize);
        }
        Tensor tx = tensor(x, [indices.Count, .. InputShape]);
        Tensor ty = tensor(y, [indices.Count, .. OutputShape]);
        if (device is not null && device.type != TorchSharp.DeviceType.CPU)
        {
            using (tx)
            using (ty)
            {
                return (tx.to(device), ty.to(device));
            }
        }
        return (tx, ty);
    }

    private (float[] X, float[] Y) Sample(int index)
    {
        if (_cache.TryGetValue(index, out var cached))
        {
            return cached;
        }
        var pair = ReadPair(index, out _, out _);
        long bytes = 4L * (pair.X.Length + pair.Y.Length);
        if (_cachedBytes + bytes <= CacheBytes)
        {
            _cache[index] = pair;
            _cachedBytes += bytes;
        }
        return pair;
    }

    private void Check()
    {
        string what = FnoPairings.Name(Pairing);
        int[] shape = _reader.Shape("tensor");
        switch (Pairing)
        {
            case FnoPairing.FirstLast when shape.Length != 3:
                throw new InvalidDataException($"{Path}: fno.data.pairing {what} needs a 1-D time-dependent 'tensor' [N, T, X], got [{string.Join(", ", shape)}]");
            case FnoPairing.CoefficientSolution when !_reader.Has("nu") || shape.Length != 4 || shape[1] != 1:
                throw new InvalidDataException($"{Path}: fno.data.pairing {what} needs 'tensor' [N, 1, X, Y] and 'nu' [N, X, Y] (the Darcy layout), got tensor [{string.Join(", ", shape)}]{(_reader.Has("nu") ? "" : " and no 'nu'")}");
            case FnoPairing.TimeWindow when shape.Length != 4:
                throw new InvalidDataException($"{Path}: fno.data.pairing {what} needs a 2-D time-dependent 'tensor' [N, T, X, Y], got [{string.Join(", ", shape)}]");
            case FnoPairing.TimeWindow:
                int times = (shape[1] + TimeStride - 1) / TimeStride;
                if (InputSteps + OutputSteps > times)
                {
                    throw new InvalidDataException($"{Path}: fno.data.inputSteps + outputSteps = {InputSteps + OutputSteps} exceeds the {times} snapshots available (T = {shape[1]}, timeStride {TimeStride})");
                }
                break;
            default:
                break;
        }
        if (Count < 1)
        {
            throw new InvalidDataException($"{Path}: the dataset has no samples");
        }
    }

    private (float[] X, float[] Y) ReadPair(int index, out long[] inShape, out long[] outShape)
    {
        switch (Pairing)
        {
            case FnoPairing.FirstLast:
            {
                float[] all = _reader.Read(index, "tensor", out int[] shape, Stride, TimeStride);
                int t = shape[0], n = shape[1];
                if (t < 2)
                {
                    throw new InvalidDataException($"{Path}: fno.data.pairing first-last needs at least 2 snapshots, got {t}");
                }
                inShape = [1, n];
                outShape = [1, n];
                return (all[..n], all[((t - 1) * n)..(t * n)]);
            }
            case FnoPairing.CoefficientSolution:
            {
                float[] a = _reader.Read(index, "nu", out int[] aShape, Stride);
                float[] u = _reader.Read(index, "tensor", out int[] uShape, Stride);
                if (!aShape.SequenceEqual(uShape[1..]))
                {
                    throw new InvalidDataException($"{Path}: 'nu' sample [{string.Join(", ", aShape)}] and 'tensor' sample [{string.Join(", ", uShape)}] do not match");
                }
                inShape = [1, aShape[0], aShape[1]];
                outShape = [1, aShape[0], aShape[1]];
                return (a, u);
            }
            default:
            {
                float[] all = _reader.Read(index, "tensor", out int[] shape, Stride, TimeStride);
                int plane = shape[1] * shape[2];
                inShape = [InputSteps, shape[1], shape[2]];
                outShape = [OutputSteps, shape[1], shape[2]];
                return (all[..(InputSteps * plane)], all[(InputSteps * plane)..((InputSteps + OutputSteps) * plane)]);
            }
        }
    }

    public void Dispose() => _reader.Dispose();
}
