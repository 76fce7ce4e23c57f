using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace NeuralPDE.Data.Mat;

/// <summary>
/// Reads numeric arrays from MATLAB Level 5 MAT-files (the format of <c>save -v6</c> and <c>-v7</c>).
/// <para>
/// Layout: a 128-byte header (116 bytes of text, 8 bytes of subsystem offset, a 2-byte version 0x0100
/// and the endian indicator <c>IM</c> or <c>MI</c>), then data elements, each an 8-byte tag
/// (type, byte count) followed by its data padded to 8 bytes; a "small" element packs a count of at most
/// 4 bytes into the tag's upper half. A variable is an <c>miMATRIX</c> element whose sub-elements are the
/// array flags (class, complex bit), the dimensions, the name and the real (then imaginary) data, stored
/// in any numeric type. <c>-v7</c> files wrap each variable in an <c>miCOMPRESSED</c> element (zlib),
/// which is inflated with <see cref="ZLibStream"/>. Both byte orders are supported.
/// </para>
/// Numeric arrays of any class are converted to double; cell, struct, char, sparse and object
/// variables are recorded in <see cref="MatFile.Skipped"/>. v7.3 files (HDF5) and v4 files are rejected
/// with a message that says so.
/// </summary>
public static class MatFileReader
{
    private const int HeaderLength = 128;
    private const int MiInt8 = 1, MiUInt8 = 2, MiInt16 = 3, MiUInt16 = 4, MiInt32 = 5, MiUInt32 = 6, MiSingle = 7, MiDouble = 9,
        MiInt64 = 12, MiUInt64 = 13, MiMatrix = 14, MiCompressed = 15;

    private static readonly byte[] Hdf5Signature = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly string[] ClassNames =
    [
        "unknown", "cell", "struct", "object", "char", "sparse", "double", "single", "int8", "uint8", "int16", "uint16",
        "int32", "uint32", "int64", "uint64", "function handle", "opaque",
    ];

    /// <summary>Reads the MAT-file at <paramref name="path"/>.</summary>
    public static MatFile Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MatFileException($"{path}: cannot read: {e.Message}", e);
        }
        return Read(bytes, path);
    }

    /// <summary>Reads a MAT-file held in memory; <paramref name="source"/> names it in errors.</summary>
    public static MatFile Read(byte[] bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            return new Parser(bytes, source).Parse();
        }
        catch (Exception e) when (e is ArgumentException or OverflowException or IndexOutOfRangeException)
        {
            throw new MatFileException($"{source}: corrupt MAT-file: {e.Message}", e);
        }
    }

    private sealed class Parser
    {
        private readonly byte[] _bytes;
        private readonly string _source;
        private bool _bigEndian;
        private readonly Dictionary<string, MatArray> _arrays = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _skipped = new(StringComparer.Ordinal);

        public Parser(byte[] bytes, string source)
        {
            _bytes = bytes;
            _source = source;
        }

        public MatFile Parse()
        {
            string text = ParseHeader();
            ParseElements(_bytes, HeaderLength, "");
            return new MatFile(_source, text, _arrays, _skipped);
        }

        private string ParseHeader()
        {
            if (_bytes.Length >= 8 && _bytes.AsSpan(0, 8).SequenceEqual(Hdf5Signature))
            {
                throw Fail("an HDF5 file, not a MATLAB v5 MAT-file (read it with an HDF5 reader)");
            }
            if (_bytes.Length < HeaderLength)
            {
                throw Fail($"truncated or not a MAT-file: {_bytes.Length} bytes, a MATLAB v5 header alone is {HeaderLength}");
            }
            string text = Encoding.ASCII.GetString(_bytes, 0, 116).TrimEnd('\0', ' ');
            byte e0 = _bytes[126], e1 = _bytes[127];
            if (e0 == (byte)'I' && e1 == (byte)'M')
            {
                _bigEndian = false;
            }
            else if (e0 == (byte)'M' && e1 == (byte)'I')
            {
                _bigEndian = true;
            }
            else
            {
                throw Fail("not a MATLAB v5 MAT-file: no endian indicator 'IM' or 'MI' at bytes 126-127");
            }
            int version = ReadUInt16(_bytes.AsSpan(124, 2));
            if (version == 0x0200 || text.StartsWith("MATLAB 7.3", StringComparison.Ordinal))
            {
                throw Fail("a MATLAB v7.3 MAT-file (HDF5); save with -v7 or -v6, or read it with an HDF5 reader");
            }
            if (version != 0x0100)
            {
                throw Fail($"unsupported MAT-file version 0x{version:X4} (expected 0x0100, MATLAB Level 5)");
            }
            return text;
        }

        private void ParseElements(byte[] buffer, int start, string where)
        {
            int pos = start;
            while (pos < buffer.Length)
            {
                int remaining = buffer.Length - pos;
                if (remaining < 8)
                {
                    if (buffer.AsSpan(pos).IndexOfAnyExcept((byte)0) < 0)
                    {
                        break; // trailing padding
                    }
                    throw Fail($"truncated{where}: {remaining} bytes at offset {pos}, a data element tag needs 8");
                }
                uint first = ReadUInt32(buffer.AsSpan(pos, 4));
                int type;
                long size;
                int dataStart;
                long next;
                if ((first >> 16) != 0)
                {
                    type = (int)(first & 0xFFFF);
                    size = first >> 16;
                    dataStart = pos + 4;
                    next = pos + 8;
                }
                else
                {
                    type = (int)first;
                    size = ReadUInt32(buffer.AsSpan(pos + 4, 4));
                    dataStart = pos + 8;
                    next = dataStart + size + (type == MiCompressed ? 0 : Padding(size));
                }
                if (dataStart + size > buffer.Length)
                {
                    throw Fail($"truncated{where}: the element at offset {pos} declares {size} bytes but only {buffer.Length - dataStart} remain");
                }
                var data = buffer.AsSpan(dataStart, (int)size);
                if (type == MiMatrix)
                {
                    ParseMatrix(data, dataStart, where);
                }
                else if (type == MiCompressed)
                {
                    byte[] inflated = Inflate(data, pos);
                    ParseElements(inflated, 0, $" (in the compressed element at offset {pos})");
                }
                pos = (int)Math.Min(next, buffer.Length);
            }
        }

        private byte[] Inflate(ReadOnlySpan<byte> data, int offset)
        {
            try
            {
                using var input = new MemoryStream(data.ToArray());
                using var zlib = new ZLibStream(input, CompressionMode.Decompress);
                using var output = new MemoryStream();
                zlib.CopyTo(output);
                return output.ToArray();
            }
            catch (InvalidDataException e)
            {
                throw new MatFileException($"{_source}: corrupt or truncated compressed element at offset {offset}: {e.Message}", e);
            }
        }

        private void ParseMatrix(ReadOnlySpan<byte> matrix, int baseOffset, string where)
        {
            if (matrix.IsEmpty)
            {
                return; // an empty miMATRIX (e.g. an empty cell) carries nothing
            }
            int pos = 0;
            int flagsType = SubElement(matrix, ref pos, baseOffset, where, "array flags", out ReadOnlySpan<byte> flags);
            if (flagsType != MiUInt32 || flags.Length < 8)
            {
                throw Fail($"corrupt{where}: the variable at offset {baseOffset} has array flags of type {flagsType} and {flags.Length} bytes (expected miUINT32, 8 bytes)");
            }
            uint flagWord = ReadUInt32(flags[..4]);
            int cls = (int)(flagWord & 0xFF);
            bool complex = (flagWord & 0x0800) != 0;
            int dimsType = SubElement(matrix, ref pos, baseOffset, where, "dimensions", out ReadOnlySpan<byte> dimsData);
            double[] rawDims = ToDoubles(dimsType, dimsData, baseOffset, where, "dimensions");
            if (rawDims.Any(d => !(d >= 0 && d <= int.MaxValue && d == Math.Floor(d))))
            {
                throw Fail($"corrupt{where}: the variable at offset {baseOffset} has dimensions [{string.Join(", ", rawDims)}]");
            }
            int[] dims = rawDims.Select(d => (int)d).ToArray();
            SubElement(matrix, ref pos, baseOffset, where, "array name", out ReadOnlySpan<byte> nameData);
            string name = Encoding.ASCII.GetString(nameData).TrimEnd('\0');
            string className = cls < ClassNames.Length ? ClassNames[cls] : $"class {cls}";
            if (cls < 6 || cls > 15)
            {
                _skipped[name] = className;
                return;
            }
            double product = dims.Aggregate(1.0, (a, b) => a * b);
            if (dims.Length < 2 || product > int.MaxValue)
            {
                throw Fail($"corrupt{where}: variable \"{name}\" has dimensions [{string.Join(", ", dims)}]");
            }
            long count = (long)product;
            int realType = SubElement(matrix, ref pos, baseOffset, where, $"real part of \"{name}\"", out ReadOnlySpan<byte> realData);
            double[] real = ToDoubles(realType, realData, baseOffset, where, $"real part of \"{name}\"");
            double[]? imaginary = null;
            if (complex)
            {
                int imagType = SubElement(matrix, ref pos, baseOffset, where, $"imaginary part of \"{name}\"", out ReadOnlySpan<byte> imagData);
                imaginary = ToDoubles(imagType, imagData, baseOffset, where, $"imaginary part of \"{name}\"");
            }
            if (real.Length != count || (imaginary is not null && imaginary.Length != count))
            {
                throw Fail($"corrupt{where}: variable \"{name}\" is [{string.Join("x", dims)}] ({count} values) but stores {real.Length}");
            }
            _arrays[name] = new MatArray(name, className, dims, real, imaginary);
        }

        /// <summary>Reads one sub-element (normal or small format) and advances past its padding.</summary>
        private int SubElement(ReadOnlySpan<byte> matrix, ref int pos, int baseOffset, string where, string what, out ReadOnlySpan<byte> data)
        {
            if (matrix.Length - pos < 8)
            {
                throw Fail($"truncated{where}: the variable at offset {baseOffset} ends before its {what}");
            }
            uint first = ReadUInt32(matrix.Slice(pos, 4));
            if ((first >> 16) != 0)
            {
                int smallSize = (int)(first >> 16);
                if (smallSize > 4)
                {
                    throw Fail($"corrupt{where}: small data element for the {what} at offset {baseOffset + pos} declares {smallSize} bytes (at most 4)");
                }
                data = matrix.Slice(pos + 4, smallSize);
                pos += 8;
                return (int)(first & 0xFFFF);
            }
            long size = ReadUInt32(matrix.Slice(pos + 4, 4));
            int start = pos + 8;
            if (start + size > matrix.Length)
            {
                throw Fail($"truncated{where}: the {what} at offset {baseOffset + pos} declares {size} bytes but the variable has only {matrix.Length - start} left");
            }
            pos = (int)Math.Min(start + size + Padding(size), matrix.Length);
            data = matrix.Slice(start, (int)size);
            return (int)first;
        }

        private double[] ToDoubles(int type, ReadOnlySpan<byte> data, int baseOffset, string where, string what)
        {
            int width = type switch
            {
                MiInt8 or MiUInt8 => 1,
                MiInt16 or MiUInt16 => 2,
                MiInt32 or MiUInt32 or MiSingle => 4,
                MiDouble or MiInt64 or MiUInt64 => 8,
                _ => throw Fail($"unsupported{where}: the {what} of the variable at offset {baseOffset} has data type {type}"),
            };
            if (data.Length % width != 0)
            {
                throw Fail($"corrupt{where}: the {what} of the variable at offset {baseOffset} has {data.Length} bytes, not a multiple of {width}");
            }
            var values = new double[data.Length / width];
            for (int i = 0; i < values.Length; i++)
            {
                var b = data.Slice(i * width, width);
                values[i] = type switch
                {
                    MiInt8 => (sbyte)b[0],
                    MiUInt8 => b[0],
                    MiInt16 => _bigEndian ? BinaryPrimitives.ReadInt16BigEndian(b) : BinaryPrimitives.ReadInt16LittleEndian(b),
                    MiUInt16 => ReadUInt16(b),
                    MiInt32 => _bigEndian ? BinaryPrimitives.ReadInt32BigEndian(b) : BinaryPrimitives.ReadInt32LittleEndian(b),
                    MiUInt32 => ReadUInt32(b),
                    MiSingle => _bigEndian ? BinaryPrimitives.ReadSingleBigEndian(b) : BinaryPrimitives.ReadSingleLittleEndian(b),
                    MiDouble => _bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(b) : BinaryPrimitives.ReadDoubleLittleEndian(b),
                    MiInt64 => _bigEndian ? BinaryPrimitives.ReadInt64BigEndian(b) : BinaryPrimitives.ReadInt64LittleEndian(b),
                    _ => _bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(b) : BinaryPrimitives.ReadUInt64LittleEndian(b),
                };
            }
            return values;
        }

        private uint ReadUInt32(ReadOnlySpan<byte> b) => _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);

        private ushort ReadUInt16(ReadOnlySpan<byte> b) => _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);

        private static long Padding(long size) => (8 - size % 8) % 8;

        private MatFileException Fail(string problem) => new($"{_source}: {problem}");
    }
}
