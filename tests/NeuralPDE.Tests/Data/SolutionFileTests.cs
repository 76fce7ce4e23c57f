using System.Globalization;
using NeuralPDE.Core.Solutions;
using NeuralPDE.Data.Hdf5;
using NeuralPDE.Tests.Support;
using NeuralPDE.Core.IO;

namespace NeuralPDE.Tests.Data;

/// <summary>The HDF5 solution layout, read back by our reader and by h5py (an independent implementation).</summary>
public class SolutionFileTests
{
    private static ReferenceSolution SpaceTime()
    {
        var t = GridAxis.Uniform("t", 0, 1, 3);
        var x = GridAxis.Uniform("x", -1, 1, 5);
        var s = new ReferenceSolution("demo-1d", "demo(N=5)", [t, x], "u");
        double[] u = new double[15];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                u[i * 5 + j] = i + 0.1 * j;
            }
        }
        s.AddField("u", u);
        s.AddExact("u", u.Select(v => v + 1e-3).ToArray());
        s.Statistics["steps"] = 42;
        return s;
    }

    private static ReferenceSolution Planar()
    {
        var x = GridAxis.Uniform("x", 0, 1, 4);
        var y = GridAxis.Uniform("y", 0, 2, 3);
        var s = new ReferenceSolution("demo-2d", "fd5", [x, y], "u");
        s.AddField("u", Enumerable.Range(0, 12).Select(i => (double)i).ToArray());
        s.Coefficient = new FieldData("a", [4, 3], Enumerable.Range(0, 12).Select(i => i % 2 == 0 ? 12.0 : 3.0).ToArray());
        s.Mask = new FieldData("mask", [4, 3], Enumerable.Range(0, 12).Select(i => i == 5 ? 0.0 : 1.0).ToArray());
        return s;
    }

    private static string TempFile(string ext = ".h5") => Path.Combine(Path.GetTempPath(), $"npde-{Guid.NewGuid():N}{ext}");

    [Fact]
    public void SpaceTimeLayoutRoundTrips()
    {
        string path = TempFile();
        try
        {
            SolutionFileWriter.Write(path, SpaceTime(), new SolutionFileMetadata("burgers", "x", "{\"name\":\"demo-1d\"}", 7));
            var c = SolutionFileReader.Read(path);
            Assert.Equal([1UL, 3UL, 5UL], c.TensorShape);
            Assert.Equal(2.4f, c.Tensor[14], 5);
            Assert.Equal(5, c.Coordinates["x"].Length);
            Assert.Equal(1e-3, c.Exact["u"].Values[0], 12);
            Assert.Equal("demo(N=5)", c.TextAttributes["solver"]);
            Assert.Equal("{\"name\":\"demo-1d\"}", c.TextAttributes["spec"]);
            Assert.Empty(Directory.EnumerateFiles(Path.GetTempPath(), "." + Path.GetFileName(path) + "*"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void H5pyReadsTheLayout()
    {
        if (!ExternalTools.PythonHas("h5py", "numpy"))
        {
            Assert.Fail("python3-h5py is required for this test (`dotnet test` installs it when run as root)");
        }
        string path = TempFile();
        try
        {
            SolutionFileWriter.Write(path, Planar(), new SolutionFileMetadata("darcy", "", "{}", 3)
            {
                Parameters = new Dictionary<string, double> { ["Nu"] = 0.25 },
            });
            string script = $$"""
                import h5py
                f = h5py.File(r"{{path}}", "r")
                t = f["tensor"]; nu = f["nu"]; m = f["mask"]
                print(t.dtype, t.shape, nu.shape, m.shape)
                print(float(t[0,0,3,2]), float(nu[0,0,1]), float(m[1,2]))
                print(f.attrs["problem"], f.attrs["seed"], f.attrs["Nu"], f["x-coordinate"].shape, f["y-coordinate"][-1])
                """;
            var (code, stdout, stderr) = ExternalTools.Run(ExternalTools.Python, "-", script);
            Assert.True(code == 0, stderr);
            string[] lines = stdout.Trim().Split('\n');
            Assert.Equal("float32 (1, 1, 4, 3) (1, 4, 3) (4, 3)", lines[0]);
            Assert.Equal("11.0 3.0 0.0", lines[1]);
            Assert.Equal("demo-2d 3 0.25 (4,) 2.0", lines[2]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TruncatedOrForeignFilesFailClearly()
    {
        string path = TempFile();
        string foreign = TempFile(".txt");
        try
        {
            SolutionFileWriter.Write(path, SpaceTime(), new SolutionFileMetadata("burgers", "", "{}", 0));
            byte[] bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);
            var e = Assert.Throws<InvalidDataException>(() => SolutionFileReader.Read(path));
            Assert.Contains(path, e.Message);
            File.WriteAllText(foreign, "hello, not HDF5");
            e = Assert.Throws<InvalidDataException>(() => SolutionFileReader.Read(foreign));
            Assert.Contains("not a readable HDF5 file", e.Message);
            Assert.Throws<FileNotFoundException>(() => SolutionFileReader.Read(path + ".missing"));
        }
        finally
        {
            File.Delete(path);
            File.Delete(foreign);
        }
    }

    [Fact]
    public void AFailedWriteLeavesNoFileBehind()
    {
        string path = TempFile();
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, temp =>
        {
            File.WriteAllText(temp, "partial");
            throw new InvalidOperationException("crash mid-write");
        }));
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.EnumerateFiles(Path.GetTempPath(), "." + Path.GetFileName(path) + "*"));
    }

    [Fact]
    public void RelativeL2IsStoredWhenAnExactSolutionExists()
    {
        ReferenceSolution s = SpaceTime();
        double expected = Math.Sqrt(15 * 1e-6 / s.Exact["u"].Values.Sum(v => v * v));
        Assert.Equal(expected, s.RelativeL2()!.Value, 12);
        Assert.Equal(1e-3, s.MaxAbsError()!.Value, 12);
        _ = CultureInfo.InvariantCulture;
    }
}
