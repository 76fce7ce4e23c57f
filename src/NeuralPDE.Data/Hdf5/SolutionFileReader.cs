using NeuralPDE.Core.Solutions;
using PureHDF;
using PureHDF.VOL.Native;

namespace NeuralPDE.Data.Hdf5;

/// <summary>Reads files written by <see cref="SolutionFileWriter"/> back into memory (tests, notebooks, eval).</summary>
public static class SolutionFileReader
{
    /// <summary>The contents of a solution file: the PDEBench <c>tensor</c> (flattened, with its shape), the coordinates,
    /// the full-precision fields and root attributes.</summary>
    public sealed record Contents(
        float[] Tensor,
        ulong[] TensorShape,
        IReadOnlyDictionary<string, double[]> Coordinates,
        IReadOnlyDictionary<string, FieldData> Fields,
        IReadOnlyDictionary<string, FieldData> Exact,
        IReadOnlyDictionary<string, string> TextAttributes);

    public static Contents Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file");
        }
        Hdf5Integrity.Check(path);
        NativeFile file;
        try
        {
            file = H5File.OpenRead(path);
        }
        catch (Exception e) when (e is not FileNotFoundException)
        {
            throw new InvalidDataException($"{path}: not a readable HDF5 file ({e.Message.Split('\n')[0]})", e);
        }
        using (file)
        {
            try
            {
                var tensorSet = file.Dataset("tensor");
                ulong[] shape = tensorSet.Space.Dimensions;
                float[] tensor = tensorSet.Read<float[]>();
                var coords = new Dictionary<string, double[]>();
                foreach (string axis in new[] { "t", "x", "y" })
                {
                    if (file.LinkExists(axis + "-coordinate"))
                    {
                        coords[axis] = file.Dataset(axis + "-coordinate").Read<float[]>().Select(v => (double)v).ToArray();
                    }
                }
                var text = new Dictionary<string, string>();
                foreach (var attribute in file.Attributes())
                {
                    if (attribute.Type.Class is H5DataTypeClass.String or H5DataTypeClass.VariableLength)
                    {
                        text[attribute.Name] = attribute.Read<string>();
                    }
                }
                return new Contents(tensor, shape, coords, ReadGroup(file, "fields"), ReadGroup(file, "exact"), text);
            }
            catch (Exception e) when (e is not InvalidDataException)
            {
                throw new InvalidDataException($"{path}: not a NeuralPDE solution file or truncated ({e.Message.Split('\n')[0]})", e);
            }
        }
    }

    private static Dictionary<string, FieldData> ReadGroup(NativeFile file, string name)
    {
        var result = new Dictionary<string, FieldData>();
        if (!file.LinkExists(name))
        {
            return result;
        }
        var group = file.Group(name);
        foreach (var child in group.Children())
        {
            if (child is IH5Dataset ds)
            {
                int[] shape = ds.Space.Dimensions.Select(d => (int)d).ToArray();
                result[child.Name] = new FieldData(child.Name, shape, ds.Read<double[]>());
            }
        }
        return result;
    }
}
