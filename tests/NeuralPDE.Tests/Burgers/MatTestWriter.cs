using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace NeuralPDE.Tests.Burgers;

/// <summary>Builds small MATLAB v5 files byte by byte (either byte order) to exercise reader paths that the
/// shared reference file does not use: storage types narrower than the class, small data elements,
/// compression, big-endian files and non-numeric variables.</summary>
internal sealed class MatTestWriter
{
    private readonly bool _bigEndian;
    private readonly MemoryStream _body = new();

    public MatTestWriter(bool bigEndian = false)
    {
        _bigEndian = bigEndian;
    }

    /// <summary>A numeric variable of MATLAB class <paramref name="matlabClass"/> (6 = double) whose values are
    /// stored as data type <paramref name="storageType"/> (2 = miUINT8, 5 = miINT32, 9 = miDOUBLE).</summary>
    public MatTestWriter AddNumeric(string name, int rows, int columns, double[] columnMajor, int matlabClass = 6, int storageType = 9, bool compress = false)
    {
        var matrix = new MemoryStream();
        WriteElement(matrix, 6, Flags(matlabClass));
        WriteElement(matrix, 5, Int32s(rows, columns));
        WriteElement(matrix, 1, Encoding.ASCII.GetBytes(name));
        WriteElement(matrix, storageType, Encode(columnMajor, storageType));
        AddMatrix(matrix.ToArray(), compress);
        return this;
    }

    /// <summary>A char variable (class 4), which the reader must list as skipped.</summary>
    public MatTestWriter AddChar(string name, string text)
    {
        var matrix = new MemoryStream();
        WriteElement(matrix, 6, Flags(4));
        WriteElement(matrix, 5, Int32s(1, text.Length));
        WriteElement(matrix, 1, Encoding.ASCII.GetBytes(name));
        var chars = new byte[text.Length * 2];
        for (int i = 0; i < text.Length; i++)
        {
            Put16(chars.AsSpan(2 * i), text[i]);
        }
        WriteElement(matrix, 4, chars);
        AddMatrix(matrix.ToArray(), false);
        return this;
    }

    /// <summary>Appends a raw top-level element (e.g. one copied from another file), optionally zlib-compressed.</summary>
    public MatTestWriter AddRawMatrixElement(byte[] element, bool compress)
    {
        if (compress)
        {
            WriteCompressed(element);
        }
        else
        {
            _body.Write(element);
        }
        return this;
    }

    public byte[] ToArray()
    {
        var header = new byte[128];
        Encoding.ASCII.GetBytes("MATLAB 5.0 MAT-file, written by NeuralPDE tests".PadRight(116)).CopyTo(header, 0);
        Put16(header.AsSpan(124), 0x0100);
        header[126] = (byte)(_bigEndian ? 'M' : 'I');
        header[127] = (byte)(_bigEndian ? 'I' : 'M');
        return [.. header, .. _body.ToArray()];
    }

    private void AddMatrix(byte[] matrixBody, bool compress)
    {
        var element = new MemoryStream();
        WriteElement(element, 14, matrixBody);
        if (compress)
        {
            WriteCompressed(element.ToArray());
        }
        else
        {
            _body.Write(element.ToArray());
        }
    }

    private void WriteCompressed(byte[] element)
    {
        var packed = new MemoryStream();
        using (var z = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(element);
        }
        var tag = new byte[8];
        Put32(tag, 15);
        Put32(tag.AsSpan(4), (uint)packed.Length);
        _body.Write(tag);
        _body.Write(packed.ToArray()); // compressed elements are not padded
    }

    /// <summary>Writes a data element; payloads of at most 4 bytes use the small-element format.</summary>
    private void WriteElement(Stream s, int type, byte[] data)
    {
        if (data.Length <= 4)
        {
            var small = new byte[8];
            Put32(small, (uint)((data.Length << 16) | type));
            data.CopyTo(small, 4);
            s.Write(small);
            return;
        }
        var tag = new byte[8];
        Put32(tag, (uint)type);
        Put32(tag.AsSpan(4), (uint)data.Length);
        s.Write(tag);
        s.Write(data);
        s.Write(new byte[(8 - data.Length % 8) % 8]);
    }

    private byte[] Flags(int matlabClass)
    {
        var b = new byte[8];
        Put32(b, (uint)matlabClass);
        return b;
    }

    private byte[] Int32s(params int[] values)
    {
        var b = new byte[4 * values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            Put32(b.AsSpan(4 * i), (uint)values[i]);
        }
        return b;
    }

    private byte[] Encode(double[] values, int storageType)
    {
        switch (storageType)
        {
            case 2:
                return values.Select(v => checked((byte)v)).ToArray();
            case 5:
                return Int32s(values.Select(v => checked((int)v)).ToArray());
            case 9:
                var b = new byte[8 * values.Length];
                for (int i = 0; i < values.Length; i++)
                {
                    if (_bigEndian)
                    {
                        BinaryPrimitives.WriteDoubleBigEndian(b.AsSpan(8 * i), values[i]);
                    }
                    else
                    {
                        BinaryPrimitives.WriteDoubleLittleEndian(b.AsSpan(8 * i), values[i]);
                    }
                }
                return b;
            default:
                throw new ArgumentOutOfRangeException(nameof(storageType), storageType, "test writer supports miUINT8, miINT32, miDOUBLE");
        }
    }

    private void Put32(Span<byte> b, uint v)
    {
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b, v);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        }
    }

    private void Put16(Span<byte> b, int v)
    {
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)v);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)v);
        }
    }
}
