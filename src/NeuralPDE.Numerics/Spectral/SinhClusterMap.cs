namespace NeuralPDE.Numerics.Spectral;

/// <summary>
/// A smooth bijection of [-1, 1] onto itself that clusters collocation points around x = 0:
/// x(xi) = eps sinh(beta xi) with beta = asinh(1/eps),
/// so x(+-1) = +-1 and dx/dxi = eps beta at the centre. The map is entire (no singularities near [-1, 1] to
/// limit Chebyshev convergence); a feature of width delta at x = 0 becomes one of width ~ delta / (eps beta)
/// in xi. Scale eps = 0 denotes the identity map (plain Chebyshev points).
/// </summary>
public sealed class SinhClusterMap
{
    private readonly double _beta;

    public SinhClusterMap(double scale)
    {
        if (!(scale >= 0) || !double.IsFinite(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "map scale must be a finite number >= 0");
        }
        Scale = scale;
        _beta = scale == 0 ? 0 : Math.Asinh(1.0 / scale);
    }

    /// <summary>The clustering width eps (0: identity).</summary>
    public double Scale { get; }

    public bool IsIdentity => Scale == 0;

    /// <summary>x(xi).</summary>
    public double X(double xi) => IsIdentity ? xi : Scale * Math.Sinh(_beta * xi);

    /// <summary>dx/dxi.</summary>
    public double Jacobian(double xi) => IsIdentity ? 1.0 : Scale * _beta * Math.Cosh(_beta * xi);

    /// <summary>xi(x), the inverse map, clamped to [-1, 1].</summary>
    public double Xi(double x) => Math.Clamp(IsIdentity ? x : Math.Asinh(x / Scale) / _beta, -1.0, 1.0);
}
