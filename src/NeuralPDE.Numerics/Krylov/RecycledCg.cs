using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using NeuralPDE.Numerics.Linear;

namespace NeuralPDE.Numerics.Krylov;

/// <summary>
/// Recycled conjugate gradients for sequences of symmetric positive definite systems: the symmetric counterpart of
/// <see cref="GcroDr"/>. Where GCRO-DR restarts a GMRES(m) cycle and re-orthogonalises against its recycle space in
/// every Arnoldi step, CG needs no restart on SPD matrices, so deflation keeps the whole Krylov history and costs two
/// fused k-vector kernels per iteration.
/// <list type="bullet">
/// <item>Deflated PCG (Saad, Yeung, Erhel &amp; Guyomarc'h, SIAM J. Sci. Comput. 21, 2000): with a recycle space W
/// (k vectors) made A-orthonormal for the current matrix (Wᵀ A W = I), the initial guess is corrected by the Galerkin
/// projection x += W Wᵀ r, r −= A W Wᵀ r (so Wᵀ r = 0 from then on), and each search direction is kept A-orthogonal to
/// W: p = z + β p − W (A W)ᵀ z, z = M⁻¹ r. In exact arithmetic this is CG on the operator with W's eigen-directions
/// removed.</item>
/// <item>The recycle space is refreshed after every solve by Rayleigh–Ritz on Z = [W, P], P the first
/// <see cref="Window"/> search directions of the solve: F y = θ G y with F = Zᵀ A Z (identity on W, (A W)ᵀ P across,
/// the CG step denominators pᵀ A p on P's diagonal, which A-conjugacy makes diagonal) and G = Zᵀ Z; W ← Z Y for the
/// k smallest θ (Ritz vectors of A near the origin, the ones that slow CG down). Across a sorted sequence the space
/// converges to the low eigenvectors shared by neighbouring matrices.</item>
/// <item>A new matrix (a different object than last time): A W is recomputed (k products, counted in
/// <see cref="RecycleMatVecs"/>) and W is made A-orthonormal again through the eigen-decomposition of Wᵀ A W, dropping
/// directions whose A-norm has collapsed.</item>
/// </list>
/// Memory (<see cref="WorkspaceVectors"/>): W and A W (2k vectors), the window (s vectors) and CG's four work vectors.
/// Convergence is decided on the true residual b − A x, as in <see cref="ConjugateGradient"/>; a non-positive
/// curvature pᵀ A p (a matrix that is not SPD) ends the solve as not converged.
/// </summary>
public sealed class RecycledCg : IRecyclingSolver
{
    private double[][] _w = [];
    private double[][] _aw = [];
    private double[][] _window = [];
    private double[] _curvature = [];
    private int _kk;
    private bool _awCurrent;
    private CsrMatrix? _lastMatrix;
    private IPreconditioner? _lastPreconditioner;

    public RecycledCg(int k = 20, int window = 20, double tolerance = 1e-10, int maxIterations = 20_000, IPreconditionerFactory? preconditioner = null)
    {
        if (k < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"recycled CG needs a recycle dimension k >= 1, got {k}");
        }
        if (window < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(window), $"recycled CG needs a window of s >= 1 directions, got {window}");
        }
        if (!(tolerance > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), $"tolerance must be > 0, got {tolerance}");
        }
        K = k;
        Window = window;
        Tolerance = tolerance;
        MaxIterations = maxIterations;
        Preconditioner = preconditioner;
    }

    /// <summary>Recycle space dimension.</summary>
    public int K { get; }

    /// <summary>Search directions of each solve kept for the Rayleigh–Ritz refresh of the recycle space.</summary>
    public int Window { get; }

    public double Tolerance { get; }

    public int MaxIterations { get; }

    public IPreconditionerFactory? Preconditioner { get; }

    public int RecycleDimension => _kk;

    /// <summary>W, A W, the window and CG's r, z, p, q.</summary>
    public int WorkspaceVectors => 2 * K + Window + 4;

    /// <summary>Matrix-vector products spent forming A W (cumulative): k' per solve after a refresh or a new matrix.</summary>
    public long RecycleMatVecs { get; private set; }

    public string Name => $"recycled-cg(k={K}, s={Window}, {Preconditioner?.Name ?? "none"}, tol={Tolerance:G3})";

    public void Reset()
    {
        _kk = 0;
        _awCurrent = false;
        _lastMatrix = null;
        _lastPreconditioner = null;
    }

    public LinearSolveResult Solve(CsrMatrix a, ReadOnlySpan<double> b, Span<double> x)
    {
        var clock = Stopwatch.StartNew();
        LinearSystemChecks.Validate(a, b, x);
        int n = a.Size;
        EnsureStorage(n);
        bool changed = !ReferenceEquals(a, _lastMatrix);
        IPreconditioner? prec = changed || _lastPreconditioner is null && Preconditioner is not null
            ? Preconditioner?.Create(a)
            : _lastPreconditioner;
        _lastMatrix = a;
        _lastPreconditioner = prec;
        if (changed)
        {
            _awCurrent = false;
        }

        double bnorm = VectorOps.Norm(b);
        if (bnorm == 0)
        {
            x.Clear();
            return new LinearSolveResult(0, 0, true, clock.Elapsed.TotalSeconds);
        }
        if (_kk > 0 && !_awCurrent)
        {
            PrepareRecycleSpace(a);
        }

        var r = new double[n];
        var z = prec is null ? r : new double[n];
        var p = new double[n];
        var q = new double[n];
        var mu = new double[Math.Max(1, _kk)];
        int kk = _kk;
        int it = 0;
        int kept = 0;
        bool breakdown = false;
        for (int replacement = 0; replacement <= 3 && !breakdown; replacement++)
        {
            // True residual, then the Galerkin correction on W (Wᵀ A W = I): x += W Wᵀ r, r −= A W Wᵀ r.
            a.Multiply(x, r);
            for (int i = 0; i < n; i++)
            {
                r[i] = b[i] - r[i];
            }
            if (VectorOps.Norm(r) / bnorm <= Tolerance || it >= MaxIterations)
            {
                break;
            }
            if (kk > 0)
            {
                VectorOps.MultiDot(_w, kk, r, mu);
                VectorOps.MultiAxpy(_aw, kk, mu, r);
                Negate(mu, kk);
                VectorOps.MultiAxpy(_w, kk, mu, x);
            }
            Precondition(prec, r, z);
            z.CopyTo(p, 0);
            if (kk > 0)
            {
                VectorOps.MultiDot(_aw, kk, z, mu);
                VectorOps.MultiAxpy(_w, kk, mu, p);
            }
            double rz = VectorOps.Dot(r, z);
            while (it < MaxIterations && VectorOps.Norm(r) / bnorm > Tolerance)
            {
                a.Multiply(p, q);
                double curvature = VectorOps.Dot(p, q);
                if (!(curvature > 0) || !double.IsFinite(rz))
                {
                    breakdown = true;
                    break;
                }
                if (kept < Window)
                {
                    p.CopyTo(_window[kept], 0);
                    _curvature[kept] = curvature;
                    kept++;
                }
                double alpha = rz / curvature;
                VectorOps.Axpy(alpha, p, x);
                VectorOps.Axpy(-alpha, q, r);
                Precondition(prec, r, z);
                double rzNew = VectorOps.Dot(r, z);
                double beta = rzNew / rz;
                rz = rzNew;
                for (int i = 0; i < n; i++)
                {
                    p[i] = z[i] + beta * p[i];
                }
                if (kk > 0)
                {
                    VectorOps.MultiDot(_aw, kk, z, mu);
                    VectorOps.MultiAxpy(_w, kk, mu, p);
                }
                it++;
            }
        }
        double trueRes = VectorOps.TrueRelativeResidual(a, b, x);
        if (!breakdown && double.IsFinite(trueRes))
        {
            UpdateRecycleSpace(kept);
        }
        return new LinearSolveResult(it, trueRes, trueRes <= Tolerance, clock.Elapsed.TotalSeconds);
    }

    private void EnsureStorage(int n)
    {
        if (_window.Length == Window && _window[0].Length == n)
        {
            return;
        }
        _window = new double[Window][];
        for (int i = 0; i < Window; i++)
        {
            _window[i] = new double[n];
        }
        _curvature = new double[Window];
        _w = new double[K][];
        _aw = new double[K][];
        for (int i = 0; i < K; i++)
        {
            _w[i] = new double[n];
            _aw[i] = new double[n];
        }
        _kk = 0;
        _awCurrent = false;
    }

    /// <summary>A W for the current matrix, then W ← W V Λ^(−1/2) from Wᵀ A W = V Λ Vᵀ (A-orthonormal W), dropping
    /// directions with λ ≤ 1e-12 λ_max.</summary>
    private void PrepareRecycleSpace(CsrMatrix a)
    {
        int kk = _kk;
        for (int i = 0; i < kk; i++)
        {
            a.Multiply(_w[i], _aw[i]);
            RecycleMatVecs++;
        }
        var e = new double[kk, kk];
        VectorOps.GramBlock(_w, kk, _aw, kk, e);
        Symmetrize(e);
        double[,] t = InverseSquareRootBasis(e);
        VectorOps.CombineInPlace(_w, _w, t);
        VectorOps.CombineInPlace(_aw, _aw, t);
        _kk = t.GetLength(1);
        _awCurrent = true;
    }

    /// <summary>Rayleigh–Ritz on Z = [W, P] (P: the first <paramref name="kept"/> search directions of the solve):
    /// W ← Z Y for the k smallest θ of F y = θ G y, F = Zᵀ A Z, G = Zᵀ Z.</summary>
    private void UpdateRecycleSpace(int kept)
    {
        int kk = _kk;
        int q = kk + kept;
        if (kept == 0)
        {
            return;
        }
        var z = new double[q][];
        for (int i = 0; i < q; i++)
        {
            z[i] = i < kk ? _w[i] : _window[i - kk];
        }
        var f = new double[q, q];
        for (int i = 0; i < kk; i++)
        {
            f[i, i] = 1;   // Wᵀ A W = I
        }
        if (kk > 0)
        {
            // (A W)ᵀ P: zero in exact arithmetic (deflated directions are A-orthogonal to W), kept for rounding.
            var cross = new double[kk, kept];
            VectorOps.GramBlock(_aw, kk, _window, kept, cross);
            for (int i = 0; i < kk; i++)
            {
                for (int j = 0; j < kept; j++)
                {
                    f[i, kk + j] = cross[i, j];
                    f[kk + j, i] = cross[i, j];
                }
            }
        }
        for (int j = 0; j < kept; j++)
        {
            f[kk + j, kk + j] = _curvature[j];   // Pᵀ A P, diagonal by A-conjugacy
        }
        var g = new double[q, q];
        VectorOps.GramBlock(z, q, z, q, g);
        Symmetrize(g);
        double[,]? y = SmallestRitz(f, g, K);
        if (y is null)
        {
            return;
        }
        VectorOps.CombineInPlace(z, _w, y);
        _kk = y.GetLength(1);
        _awCurrent = false;
    }

    /// <summary>The generalized symmetric eigenproblem F y = θ G y by G = V Λ Vᵀ (directions with λ ≤ 1e-12 λ_max
    /// dropped), S = V Λ^(−1/2), Sᵀ F S = X Θ Xᵀ; returns S X for the <paramref name="count"/> smallest positive θ
    /// (q × k'), or null when none is positive.</summary>
    internal static double[,]? SmallestRitz(double[,] f, double[,] g, int count)
    {
        int q = f.GetLength(0);
        double[,] basis = InverseSquareRootBasis(g);
        if (basis.GetLength(1) == 0)
        {
            return null;
        }
        var s = Matrix<double>.Build.DenseOfArray(basis);
        Matrix<double> reduced = s.TransposeThisAndMultiply(Matrix<double>.Build.DenseOfArray(f)).Multiply(s);
        reduced = (reduced + reduced.Transpose()) * 0.5;
        var evd = reduced.Evd(Symmetricity.Symmetric);
        int[] order = Enumerable.Range(0, s.ColumnCount)
            .Where(i => evd.EigenValues[i].Real > 0)
            .OrderBy(i => evd.EigenValues[i].Real)
            .Take(count)
            .ToArray();
        if (order.Length == 0)
        {
            return null;
        }
        Matrix<double> vectors = s.Multiply(evd.EigenVectors);
        var y = new double[q, order.Length];
        for (int c = 0; c < order.Length; c++)
        {
            for (int i = 0; i < q; i++)
            {
                y[i, c] = vectors[i, order[c]];
            }
        }
        return y;
    }

    /// <summary>S = V Λ^(−1/2) from the symmetric positive semidefinite M = V Λ Vᵀ, keeping the eigenpairs with
    /// λ > 1e-12 λ_max (q × q'), so that Sᵀ M S = I.</summary>
    private static double[,] InverseSquareRootBasis(double[,] m)
    {
        int q = m.GetLength(0);
        var evd = Matrix<double>.Build.DenseOfArray(m).Evd(Symmetricity.Symmetric);
        double max = 0;
        for (int i = 0; i < q; i++)
        {
            max = Math.Max(max, evd.EigenValues[i].Real);
        }
        int[] keep = Enumerable.Range(0, q).Where(i => evd.EigenValues[i].Real > 1e-12 * max).ToArray();
        var s = new double[q, keep.Length];
        for (int c = 0; c < keep.Length; c++)
        {
            double scale = 1 / Math.Sqrt(evd.EigenValues[keep[c]].Real);
            for (int i = 0; i < q; i++)
            {
                s[i, c] = evd.EigenVectors[i, keep[c]] * scale;
            }
        }
        return s;
    }

    private static void Symmetrize(double[,] m)
    {
        int q = m.GetLength(0);
        for (int i = 0; i < q; i++)
        {
            for (int j = i + 1; j < q; j++)
            {
                double v = 0.5 * (m[i, j] + m[j, i]);
                m[i, j] = v;
                m[j, i] = v;
            }
        }
    }

    private static void Negate(double[] v, int count)
    {
        for (int i = 0; i < count; i++)
        {
            v[i] = -v[i];
        }
    }

    private static void Precondition(IPreconditioner? m, double[] r, double[] z)
    {
        if (m is not null)
        {
            m.Apply(r, z);
        }
        // Without a preconditioner z is r itself.
    }
}
