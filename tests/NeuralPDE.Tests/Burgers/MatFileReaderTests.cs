using NeuralPDE.Data.Mat;

namespace NeuralPDE.Tests.Burgers;

public sealed class MatFileReaderTests
{
    [Fact]
    public void ReadsTheBurgersShockFileShapesAndSpotValues()
    {
        MatFile file = BurgersTestData.ShockFile;
        Assert.StartsWith("MATLAB 5.0 MAT-file", file.HeaderText, StringComparison.Ordinal);
        Assert.Equal(new[] { "t", "usol", "x" }, file.Arrays.Keys.Order(StringComparer.Ordinal).ToArray());

        MatArray x = file.Get("x"), t = file.Get("t"), u = file.Get("usol");
        Assert.Equal(new[] { 256, 1 }, x.Dimensions);
        Assert.Equal(new[] { 100, 1 }, t.Dimensions);
        Assert.Equal(new[] { 256, 100 }, u.Dimensions);
        Assert.Equal("double", u.MatlabClass);
        Assert.False(u.IsComplex);

        // Values as scipy.io.loadmat reports them (printed with repr).
        Assert.Equal(-1.0, x[0, 0]);
        Assert.Equal(-0.9921568627450981, x[1, 0]);
        Assert.Equal(0.0039215686274509665, x[128, 0]);
        Assert.Equal(1.0, x[255, 0]);
        Assert.Equal(0.37, t[37, 0]);
        Assert.Equal(0.99, t[99, 0]);
        Assert.Equal(0.9999810273487268, u[64, 0]);
        Assert.Equal(0.8769223443083046, u[100, 50]);
        Assert.Equal(0.47622315462543957, u[127, 66]);
        Assert.Equal(-0.3123187255369553, u[128, 99]);
        Assert.Equal(-0.7113094463591211, u[200, 25]);

        // Row-major view: usol[i, j] at i * 100 + j.
        double[] rowMajor = u.ToRowMajor();
        Assert.Equal(u[100, 50], rowMajor[100 * 100 + 50]);
        Assert.Equal(256, x.ToVector().Length);
    }

    [Fact]
    public void TruncatedFileGivesAClearError()
    {
        byte[] bytes = File.ReadAllBytes(BurgersTestData.ShockPath);
        var cut = MatFileReader.Read(bytes, "whole"); // sanity: the full bytes read
        Assert.Equal(3, cut.Arrays.Count);

        var ex = Assert.Throws<MatFileException>(() => MatFileReader.Read(bytes[..5000], "cut.mat"));
        Assert.StartsWith("cut.mat: truncated", ex.Message, StringComparison.Ordinal);
        Assert.Contains("offset 3088", ex.Message, StringComparison.Ordinal); // usol's element starts there
        Assert.DoesNotContain('\n', ex.Message);

        var header = Assert.Throws<MatFileException>(() => MatFileReader.Read(bytes[..100], "short.mat"));
        Assert.Contains("truncated", header.Message, StringComparison.Ordinal);

        // Cut inside the first variable's sub-elements.
        var inner = Assert.Throws<MatFileException>(() => MatFileReader.Read(bytes[..150], "inner.mat"));
        Assert.Contains("truncated", inner.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForeignFilesAreRejectedWithTheReason()
    {
        byte[] json = System.Text.Encoding.UTF8.GetBytes(new string(' ', 200).Insert(0, "{\"name\": \"not a mat file\"}"));
        var ex = Assert.Throws<MatFileException>(() => MatFileReader.Read(json, "spec.json"));
        Assert.Contains("not a MATLAB v5 MAT-file", ex.Message, StringComparison.Ordinal);

        byte[] hdf5 = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[300]];
        Assert.Contains("HDF5", Assert.Throws<MatFileException>(() => MatFileReader.Read(hdf5, "data.h5")).Message, StringComparison.Ordinal);

        byte[] v73 = new MatTestWriter().ToArray();
        System.Text.Encoding.ASCII.GetBytes("MATLAB 7.3 MAT-file").CopyTo(v73, 0);
        v73[124] = 0x00;
        v73[125] = 0x02;
        Assert.Contains("v7.3", Assert.Throws<MatFileException>(() => MatFileReader.Read(v73, "big.mat")).Message, StringComparison.Ordinal);

        var missing = Assert.Throws<MatFileException>(() => BurgersTestData.ShockFile.Get("u"));
        Assert.Contains("usol", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadsCompressedElementsIdenticallyToUncompressedOnes()
    {
        byte[] original = File.ReadAllBytes(BurgersTestData.ShockPath);
        // Re-wrap each top-level miMATRIX element of the real file in an miCOMPRESSED element (zlib), as -v7 does.
        var writer = new MatTestWriter();
        int pos = 128;
        while (pos < original.Length)
        {
            int size = BitConverter.ToInt32(original, pos + 4);
            int length = 8 + size + (8 - size % 8) % 8;
            writer.AddRawMatrixElement(original[pos..(pos + length)], compress: true);
            pos += length;
        }
        byte[] compressed = writer.ToArray();
        Assert.True(compressed.Length < original.Length);
        MatFile file = MatFileReader.Read(compressed, "compressed.mat");
        Assert.Equal(BurgersTestData.ShockFile.Get("usol").Real, file.Get("usol").Real);
        Assert.Equal(BurgersTestData.ShockFile.Get("x").Real, file.Get("x").Real);

        // A corrupt zlib stream is reported, not thrown raw.
        byte[] corrupt = (byte[])compressed.Clone();
        for (int i = 140; i < 400; i++)
        {
            corrupt[i] ^= 0x5A;
        }
        var ex = Assert.Throws<MatFileException>(() => MatFileReader.Read(corrupt, "corrupt.mat"));
        Assert.StartsWith("corrupt.mat: ", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ConvertsNarrowStorageSmallElementsAndBothByteOrders(bool bigEndian)
    {
        byte[] bytes = new MatTestWriter(bigEndian)
            .AddNumeric("a", 2, 3, [1, 2, 3, 4, 5, 255], storageType: 2)            // double class stored as miUINT8
            .AddNumeric("bb", 1, 2, [-7, 123456], matlabClass: 12, storageType: 5) // int32
            .AddNumeric("c", 2, 1, [Math.PI, -0.5], compress: true)
            .AddChar("label", "burgers")
            .ToArray();
        MatFile file = MatFileReader.Read(bytes, "synthetic.mat");
        MatArray a = file.Get("a");
        Assert.Equal(new[] { 2, 3 }, a.Dimensions);
        Assert.Equal(5.0, a[0, 2]); // column-major: (0,2) is the fifth stored value
        Assert.Equal(new double[] { 1, 3, 5, 2, 4, 255 }, a.ToRowMajor());
        Assert.Equal("int32", file.Get("bb").MatlabClass);
        Assert.Equal(new double[] { -7, 123456 }, file.Get("bb").Real);
        Assert.Equal(new[] { Math.PI, -0.5 }, file.Get("c").Real);
        Assert.Equal("char", file.Skipped["label"]);
        Assert.Contains("char", Assert.Throws<MatFileException>(() => file.Get("label")).Message, StringComparison.Ordinal);
    }
}
