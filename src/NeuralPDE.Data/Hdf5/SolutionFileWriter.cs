using System.Globalization;
using NeuralPDE.Core.Solutions;
using PureHDF;
using NeuralPDE.Core.IO;

namespace NeuralPDE.Data.Hdf5;

/// <summary>
/// Writes a <see cref="ReferenceSolution"/> in the project's PDEBench-compatible HDF5 layout (DESIGN.md):
/// <list type="bullet">
/// <item>(t, x): <c>tensor</c> float32 [1, T, X], <c>t-coordinate</c> [T], <c>x-coordinate</c> [X];</item>
/// <item>(x, y): <c>tensor</c> [1, 1, X, Y], <c>x-coordinate</c>, <c>y-coordinate</c>, and <c>nu</c> [1, X, Y] for a coefficient;</item>
/// <item>(t, x, y): <c>tensor</c> [1, T, X, Y] plus coordinates.</item>
/// </list>
/// Every field is also stored in full precision under <c>fields/NAME</c> (float64, grid shape), exact
/// solutions under <c>exact/NAME</c>, the domain mask as <c>mask</c>, and solver statistics as attributes
/// of the <c>statistics</c> group. Root attributes: problem, family, variant, solver, spec (JSON text),
/// seed, library version, primary field. The file is written to a temporary name and renamed, so a
/// crash never leaves a half-written file under the final name.
/// </summary>
public static class SolutionFileWriter
{
    /// <summary>Library version stored in files (assembly informational version).</summary>
    public static string LibraryVersion =>
        typeof(SolutionFileWriter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public static void Write(string path, ReferenceSolution solution, SolutionFileMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(solution);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new IOException($"--out {path}: folder {folder} does not exist");
        }
        var file = new H5File();
        string[] axes = solution.Axes.Select(a => a.Name).ToArray();
        ulong[] grid = solution.Shape.Select(s => (ulong)s).ToArray();
        FieldData primary = solution.Primary;
        ulong[] tensorDims = axes switch
        {
            ["t", "x"] or ["t", "x", "y"] => [1UL, .. grid],
            ["x", "y"] => [1UL, 1UL, .. grid],
            _ => [1UL, .. grid],
        };
        file["tensor"] = new H5Dataset(ToFloat(primary.Values), fileDims: tensorDims);
        foreach (GridAxis axis in solution.Axes)
        {
            file[axis.Name + "-coordinate"] = axis.Values.Select(v => (float)v).ToArray();
        }
        if (solution.Coefficient is FieldData coefficient)
        {
            file["nu"] = new H5Dataset(ToFloat(coefficient.Values), fileDims: [1UL, .. coefficient.Shape.Select(s => (ulong)s)]);
        }
        if (solution.Mask is FieldData mask)
        {
            file["mask"] = new H5Dataset(mask.Values, fileDims: mask.Shape.Select(s => (ulong)s).ToArray());
        }
        var fields = new H5Group();
        foreach (FieldData f in solution.Fields.Values)
        {
            fields[f.Name] = new H5Dataset(f.Values, fileDims: f.Shape.Select(s => (ulong)s).ToArray());
        }
        file["fields"] = fields;
        if (solution.Exact.Count > 0)
        {
            var exact = new H5Group();
            foreach (FieldData f in solution.Exact.Values)
            {
                exact[f.Name] = new H5Dataset(f.Values, fileDims: f.Shape.Select(s => (ulong)s).ToArray());
            }
            file["exact"] = exact;
        }
        var stats = new H5Group();
        foreach (var (key, value) in solution.Statistics)
        {
            stats.Attributes[key] = value;
        }
        file["statistics"] = stats;

        file.Attributes["problem"] = solution.Problem;
        file.Attributes["family"] = metadata.Family;
        file.Attributes["variant"] = metadata.Variant;
        file.Attributes["solver"] = solution.Solver;
        file.Attributes["spec"] = metadata.SpecJson;
        file.Attributes["seed"] = (long)metadata.Seed;
        file.Attributes["library"] = "NeuralPDE " + LibraryVersion;
        file.Attributes["primary-field"] = solution.PrimaryField;
        file.Attributes["axes"] = string.Join(",", axes);
        file.Attributes["created-utc"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        foreach (var (key, value) in metadata.Parameters)
        {
            file.Attributes[key] = value;
        }
        if (solution.RelativeL2() is double rel)
        {
            file.Attributes["relL2"] = rel;
        }
        AtomicFile.Write(path, temp => file.Write(temp));
    }

    private static float[] ToFloat(double[] values)
    {
        var f = new float[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            f[i] = (float)values[i];
        }
        return f;
    }
}

/// <summary>What a solution file records besides the solution itself.</summary>
public sealed record SolutionFileMetadata(string Family, string Variant, string SpecJson, int Seed)
{
    /// <summary>Scalar PDE parameters stored as root attributes with PDEBench names where they exist (e.g. <c>Nu</c>).</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; init; } = new Dictionary<string, double>();
}
