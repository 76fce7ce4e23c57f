namespace NeuralPDE.Numerics.Linear;

/// <summary>Diagonal (Jacobi) preconditioner.</summary>
public sealed class JacobiPreconditioner : IPreconditioner
{
    private readonly double[] _inverseDiagonal;

    public JacobiPreconditioner(CsrMatrix a)
    {
        double[] d = a.Diagonal();
        _inverseDiagonal = new double[d.Length];
        for (int i = 0; i < d.Length; i++)
        {
            _inverseDiagonal[i] = d[i] != 0 ? 1.0 / d[i] : 1.0;
        }
    }

    public static IPreconditionerFactory Factory { get; } = new JacobiFactory();

    public void Apply(ReadOnlySpan<double> r, Span<double> z)
    {
        for (int i = 0; i < r.Length; i++)
        {
            z[i] = r[i] * _inverseDiagonal[i];
        }
    }

    /// <summary>y = D x (rows with a zero diagonal are left as they are, as in <see cref="Apply"/>).</summary>
    public void Multiply(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = x[i] / _inverseDiagonal[i];
        }
    }

    private sealed class JacobiFactory : IPreconditionerFactory
    {
        public string Name => "jacobi";

        public IPreconditioner Create(CsrMatrix a) => new JacobiPreconditioner(a);
    }
}
