using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NeuralPDE.Numerics.Spectral;

namespace NeuralPDE.Numerics.Burgers;

/// <summary>
/// Viscous Burgers u_t + (u^2/2)_x = nu u_xx on [-1, 1] with u(+-1, t) = 0, discretised by Chebyshev collocation
/// on Gauss–Lobatto points pulled towards x = 0 by a <see cref="SinhClusterMap"/> (the shock of the sine benchmark
/// sits there, width ~ 2 nu / |u|), and integrated with ETDRK4 in the eigenbasis of the interior diffusion operator.
/// <para>
/// With D_x = diag(1/x'(xi)) D_xi, the stiff part L = nu (D_x D_x) restricted to the interior nodes (homogeneous
/// Dirichlet data drop out) is decomposed once in real arithmetic, L = V B V^-1 with B block diagonal (1x1 blocks
/// for real eigenvalues, 2x2 blocks for the occasional complex pair; all real parts are negative);
/// the unknown is v = V^-1 u_interior, so each ETDRK4 stage costs three dense matrix–vector products
/// (V v, D_x (u^2), V^-1 r). The nonlinear term is the conservative -1/2 D_x (u^2) at interior nodes.
/// Solutions on any grid follow by barycentric interpolation in xi.
/// </para>
/// </summary>
public sealed class BurgersChebyshevSolver
{
    private readonly int _n;       // Chebyshev degree; nodes 0..n, interior 1..n-1
    private readonly int _m;       // interior count n - 1
    private readonly double[] _dx; // rows 1..n-1 of D_x, row-major (m x (n+1))
    private readonly double[] _v;  // eigenvectors, row-major (m x m)
    private readonly double[] _vInv;
    private readonly double[] _u;  // scratch, full node vector
    private readonly double[] _r;  // scratch, interior
    private readonly int[] _partner; // for a complex pair (k, k+1): the other index; else the index itself
    private readonly double[] _sign; // (K x)_i = sign_i x_partner(i) on a pair block, 0 otherwise

    public BurgersChebyshevSolver(double nu, int degree, double mapScale)
    {
        if (!(nu > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(nu), nu, "viscosity must be positive");
        }
        if (degree < 4)
        {
            throw new ArgumentOutOfRangeException(nameof(degree), degree, "Chebyshev degree must be at least 4");
        }
        Nu = nu;
        _n = degree;
        _m = degree - 1;
        Map = new SinhClusterMap(mapScale);
        int np = degree + 1;
        Xi = ChebyshevCollocation.LobattoPoints(degree);
        Nodes = Xi.Select(Map.X).ToArray();
        Nodes[0] = 1.0;
        Nodes[degree] = -1.0;
        double[] d = ChebyshevCollocation.DifferentiationMatrix(degree);
        var dxFull = new double[np * np];
        for (int i = 0; i < np; i++)
        {
            double inv = 1.0 / Map.Jacobian(Xi[i]);
            for (int j = 0; j < np; j++)
            {
                dxFull[i * np + j] = inv * d[i * np + j];
            }
        }
        _dx = new double[_m * np];
        Array.Copy(dxFull, np, _dx, 0, _m * np);

        // L = nu * (Dx Dx)[interior, interior]
        var l = new double[_m, _m];
        for (int i = 0; i < _m; i++)
        {
            for (int j = 0; j < _m; j++)
            {
                double s = 0;
                for (int k = 0; k < np; k++)
                {
                    s += dxFull[(i + 1) * np + k] * dxFull[k * np + j + 1];
                }
                l[i, j] = nu * s;
            }
        }
        // Real eigen-decomposition L V = V B with B block diagonal: 1x1 blocks for real eigenvalues and
        // [[a, b], [-b, a]] blocks for complex pairs a +- ib (collocation matrices may have a few).
        var evd = Matrix<double>.Build.DenseOfArray(l).Evd();
        Matrix<double> block = evd.D;
        Eigenvalues = new Complex[_m];
        _partner = new int[_m];
        _sign = new double[_m];
        for (int i = 0; i < _m; i++)
        {
            _partner[i] = i;
            bool pairStart = i + 1 < _m && block[i, i + 1] != 0;
            if (pairStart)
            {
                double a = block[i, i], b = block[i, i + 1];
                if (Math.Abs(block[i + 1, i] + b) > 1e-12 * Math.Abs(b) || Math.Abs(block[i + 1, i + 1] - a) > 1e-12 * Math.Abs(a))
                {
                    throw new InvalidOperationException($"unexpected eigenvalue block at {i} in the diffusion operator's decomposition");
                }
                Eigenvalues[i] = new Complex(a, b);
                Eigenvalues[i + 1] = new Complex(a, b);
                _partner[i] = i + 1;
                _sign[i] = 1.0;
                _partner[i + 1] = i;
                _sign[i + 1] = -1.0;
                i++;
            }
            else
            {
                Eigenvalues[i] = block[i, i];
            }
        }
        double maxReal = Eigenvalues.Max(z => z.Real);
        if (maxReal >= 0)
        {
            throw new InvalidOperationException($"the mapped Chebyshev diffusion operator has an eigenvalue with real part {maxReal:G3} >= 0; change reference.mapScale or reference.resolution");
        }
        Matrix<double> vecs = evd.EigenVectors;
        _v = ToRowMajor(vecs);
        _vInv = ToRowMajor(vecs.Inverse());
        _u = new double[np];
        _r = new double[_m];
    }

    public double Nu { get; }

    public SinhClusterMap Map { get; }

    /// <summary>Lobatto points in the computational variable xi (from +1 to -1).</summary>
    public double[] Xi { get; }

    /// <summary>Collocation nodes x(xi_j) (from +1 to -1).</summary>
    public double[] Nodes { get; }

    /// <summary>Eigenvalues of the interior diffusion operator (negative real parts; complex pairs occupy two
    /// consecutive entries, both holding a + ib).</summary>
    public Complex[] Eigenvalues { get; }

    /// <summary>
    /// Integrates from u0 = initial(x) at t = 0 and returns the node values (n+1 each, boundary included) at
    /// <paramref name="outputTimes"/> (non-decreasing, starting at or after 0). Each interval between outputs is
    /// split into ceil(interval / maxStep) equal ETDRK4 steps; coefficients are cached per step size.
    /// </summary>
    public BurgersChebyshevRun Run(Func<double, double> initial, IReadOnlyList<double> outputTimes, double maxStep,
        Action<int>? afterOutput = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(outputTimes);
        if (!(maxStep > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(maxStep), maxStep, "time step must be positive");
        }
        var u0 = new double[_n + 1];
        for (int i = 1; i < _n; i++)
        {
            u0[i] = initial(Nodes[i]);
        }
        var v = new double[_m];
        MatVec(_vInv, u0.AsSpan(1, _m), v, _m, _m);
        var cache = new Dictionary<long, EigenEtdrk4Coefficients>();
        var snapshots = new double[outputTimes.Count][];
        double time = 0;
        int steps = 0;
        double minDt = double.PositiveInfinity, maxDt = 0;
        var work = new StageBuffers(_m);
        for (int k = 0; k < outputTimes.Count; k++)
        {
            cancellation.ThrowIfCancellationRequested();
            double target = outputTimes[k];
            if (target < time - 1e-12)
            {
                throw new ArgumentException($"output times must be non-decreasing and >= 0; got {target} after {time}", nameof(outputTimes));
            }
            double interval = target - time;
            if (interval > 1e-14)
            {
                int count = (int)Math.Ceiling(interval / maxStep - 1e-9);
                double h = interval / count;
                long key = BitConverter.DoubleToInt64Bits(h);
                if (!cache.TryGetValue(key, out EigenEtdrk4Coefficients? c))
                {
                    c = new EigenEtdrk4Coefficients(Eigenvalues, h);
                    cache[key] = c;
                }
                for (int s = 0; s < count; s++)
                {
                    Step(v, c, work);
                }
                steps += count;
                minDt = Math.Min(minDt, h);
                maxDt = Math.Max(maxDt, h);
                time = target;
            }
            snapshots[k] = NodeValues(v);
            if (!snapshots[k].All(double.IsFinite) || snapshots[k].Max(Math.Abs) > 1e6)
            {
                throw new InvalidOperationException($"the Burgers solution blew up by t = {target:G4} (N = {_n}, map scale {Map.Scale:G3}, dt = {maxStep:G3}); increase the resolution, use the point clustering (reference.mapScale > 0) or reduce the time step");
            }
            afterOutput?.Invoke(k);
        }
        return new BurgersChebyshevRun(snapshots, steps, steps == 0 ? 0 : minDt, maxDt);
    }

    /// <summary>The matrix (targets x (n+1), row-major) that interpolates node values to points x in [-1, 1].</summary>
    public double[] InterpolationMatrix(ReadOnlySpan<double> x)
    {
        var xi = new double[x.Length];
        for (int q = 0; q < x.Length; q++)
        {
            xi[q] = x[q] == 1.0 ? 1.0 : x[q] == -1.0 ? -1.0 : Map.Xi(x[q]);
        }
        return ChebyshevCollocation.InterpolationMatrix(_n, xi);
    }

    private double[] NodeValues(double[] v)
    {
        var u = new double[_n + 1];
        MatVec(_v, v, u.AsSpan(1, _m), _m, _m);
        return u;
    }

    /// <summary>One ETDRK4 step (Cox–Matthews) in eigen-coordinates.</summary>
    private void Step(double[] v, EigenEtdrk4Coefficients c, StageBuffers b)
    {
        Nonlinear(v, b.Nv);
        for (int i = 0; i < _m; i++)
        {
            b.A[i] = Apply(c.E2, v, i) + Apply(c.Q, b.Nv, i);
        }
        Nonlinear(b.A, b.Na);
        for (int i = 0; i < _m; i++)
        {
            b.B[i] = Apply(c.E2, v, i) + Apply(c.Q, b.Na, i);
        }
        Nonlinear(b.B, b.Nb);
        for (int i = 0; i < _m; i++)
        {
            b.T[i] = 2 * b.Nb[i] - b.Nv[i];
        }
        for (int i = 0; i < _m; i++)
        {
            b.C[i] = Apply(c.E2, b.A, i) + Apply(c.Q, b.T, i);
        }
        Nonlinear(b.C, b.Nc);
        for (int i = 0; i < _m; i++)
        {
            b.T[i] = b.Na[i] + b.Nb[i];
        }
        for (int i = 0; i < _m; i++)
        {
            b.Next[i] = Apply(c.E, v, i) + Apply(c.F1, b.Nv, i) + 2 * Apply(c.F2, b.T, i) + Apply(c.F3, b.Nc, i);
        }
        b.Next.CopyTo(v, 0);
    }

    /// <summary>Component i of f(h B) x for the block-diagonal B: Re f x_i + Im f (K x)_i.</summary>
    private double Apply(Complex[] f, double[] x, int i) => f[i].Real * x[i] + f[i].Imaginary * _sign[i] * x[_partner[i]];

    /// <summary>result = V^-1 [-1/2 D_x (u^2)]_interior with u = [0, V v, 0].</summary>
    private void Nonlinear(ReadOnlySpan<double> v, Span<double> result)
    {
        MatVec(_v, v, _u.AsSpan(1, _m), _m, _m);
        _u[0] = 0;
        _u[_n] = 0;
        for (int i = 1; i < _n; i++)
        {
            _u[i] *= _u[i];
        }
        MatVec(_dx, _u, _r, _m, _n + 1);
        for (int i = 0; i < _m; i++)
        {
            _r[i] *= -0.5;
        }
        MatVec(_vInv, _r, result, _m, _m);
    }

    private static void MatVec(double[] a, ReadOnlySpan<double> x, Span<double> y, int rows, int cols)
    {
        for (int i = 0; i < rows; i++)
        {
            y[i] = Dot(a.AsSpan(i * cols, cols), x);
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int width = System.Numerics.Vector<double>.Count;
        int j = 0;
        var acc = System.Numerics.Vector<double>.Zero;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            for (; j <= a.Length - width; j += width)
            {
                acc += new System.Numerics.Vector<double>(a.Slice(j, width)) * new System.Numerics.Vector<double>(b.Slice(j, width));
            }
        }
        double s = System.Numerics.Vector.Dot(acc, System.Numerics.Vector<double>.One);
        for (; j < a.Length; j++)
        {
            s += a[j] * b[j];
        }
        return s;
    }

    private static double[] ToRowMajor(Matrix<double> m)
    {
        var a = new double[m.RowCount * m.ColumnCount];
        for (int i = 0; i < m.RowCount; i++)
        {
            for (int j = 0; j < m.ColumnCount; j++)
            {
                a[i * m.ColumnCount + j] = m[i, j];
            }
        }
        return a;
    }

    private sealed class StageBuffers(int m)
    {
        public double[] A { get; } = new double[m];
        public double[] B { get; } = new double[m];
        public double[] C { get; } = new double[m];
        public double[] Nv { get; } = new double[m];
        public double[] Na { get; } = new double[m];
        public double[] Nb { get; } = new double[m];
        public double[] Nc { get; } = new double[m];
        public double[] T { get; } = new double[m];
        public double[] Next { get; } = new double[m];
    }
}
