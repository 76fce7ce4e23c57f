namespace NeuralPDE.Data.Hdf5;

/// <summary>
/// Cheap structural checks before an HDF5 file is opened: the signature is present and the file is
/// at least as long as the end-of-file address recorded in its superblock (a truncated copy or a
/// killed writer fails here with a clear message instead of deep inside a reader).
/// </summary>
public static class Hdf5Integrity
{
    private static readonly byte[] Signature = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0d, 0x0a, 0x1a, 0x0a];

    /// <summary>Throws <see cref="InvalidDataException"/> naming the file and the problem.</summary>
    public static void Check(string path)
    {
        using var stream = File.OpenRead(path);
        var header = new byte[64];
        int read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (read < 8 || !header.AsSpan(0, 8).SequenceEqual(Signature))
        {
            throw new InvalidDataException($"{path}: not a readable HDF5 file (no HDF5 signature at offset 0)");
        }
        int version = header[8];
        int eofOffset = version switch
        {
            0 => 40,
            1 => 44,
            2 or 3 => 28,
            _ => -1,
        };
        int offsetSize = version >= 2 ? header[9] : header[13];
        if (eofOffset < 0 || offsetSize != 8 || read < eofOffset + 8)
        {
            return; // unusual layout: leave the detailed checks to the reader
        }
        ulong eof = BitConverter.ToUInt64(header, eofOffset);
        if ((ulong)stream.Length < eof)
        {
            throw new InvalidDataException($"{path}: truncated HDF5 file ({stream.Length} bytes, the superblock records {eof})");
        }
    }
}
