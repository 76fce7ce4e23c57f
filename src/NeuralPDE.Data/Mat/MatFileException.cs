namespace NeuralPDE.Data.Mat;

/// <summary>
/// A file is not a readable MATLAB v5 MAT-file (foreign, truncated, corrupt or using a feature the
/// reader does not support). The message is one line naming the file and what is wrong.
/// </summary>
public sealed class MatFileException : Exception
{
    public MatFileException(string message) : base(message)
    {
    }

    public MatFileException() : base("invalid MAT-file")
    {
    }

    public MatFileException(string message, Exception inner) : base(message, inner)
    {
    }
}
