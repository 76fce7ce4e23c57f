using System.Diagnostics;
using NeuralPDE.Numerics.Linear;

namespace NeuralPDE.Numerics.Krylov;

/// <summary>
/// GCRO-DR(m, k): GMRES with deflated restarting and subspace recycling across a sequence of systems
/// (Parks, de Sturler, Mackey, Johnson, Maiti, SIAM J. Sci. Comput. 28, 2006). With right preconditioning the solver
/// works with B = A M⁻¹ and keeps a recycle space U (k vectors) with C = B U, Cᵀ C = I:
/// <list type="bullet">
/// <item>a new matrix (and so a new preconditioner): the recycled directions move over in solution space,
/// U ← M_new M_old⁻¹ U, then C = B U = A M_old⁻¹ U_old is recomputed and re-orthonormalised by QR, C ← C R⁻¹,
/// U ← U R⁻¹;</item>
/// <item>the initial residual is projected: x += M⁻¹ U Cᵀ r, r −= C Cᵀ r;</item>
/// <item>each cycle runs m − k Arnoldi steps with (I − C Cᵀ) B, solves the small least-squares problem with the
/// upper-Hessenberg Ĝ = [[D, Cᵀ B V], [0, H̄]] (Givens rotations, early exit at the tolerance), and replaces (U, C) by
/// the k harmonic Ritz vectors of smallest magnitude (<see cref="HarmonicRitz"/>), rotated in place;</item>
/// <item>the first system (no recycle space yet) starts with a plain GMRES(m) cycle.</item>
/// </list>
/// The recycle space persists between calls to <see cref="Solve(CsrMatrix, ReadOnlySpan{double}, Span{double})"/>
/// (call <see cref="Reset"/> to forget it). Memory (<see cref="WorkspaceVectors"/>): U and C (2k vectors), m − k + 1
/// Arnoldi vectors and three work vectors, m + k + 4 in all against GMRES(m)'s m + 3, so the recycle space costs
/// k + 1 vectors. A cycle with a recycle space of k' &lt; k vectors needs m − k' + 1 Arnoldi vectors and takes the
/// missing ones from C's unused slots; so does the plain GMRES(m) cycle of the first system (k' = 0), whose harmonic
/// Ritz update then writes C over its own basis (<see cref="VectorOps.CombineInPlace"/> allows that).
/// Convergence is decided on the true residual b − A x, as in <see cref="Gmres"/>.
/// </summary>
public sealed class GcroDr : IRecyclingSolver
{

    private double[][] _u = [];
    private double[][] _c = [];
    private double[][] _v = [];
    private int _kk;
    private CsrMatrix? _lastMatrix;
    private IPreconditioner? _lastPreconditioner;

    public GcroDr(int m = 40, int k = 20, double tolerance = 1e-10, int maxIterations = 20_000, IPreconditionerFactory? preconditioner = null,
        Orthogonalization orthogonalization = Orthogonalization.ClassicalTwice)
    {
        if (k < 1 || m <= k)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"GCRO-DR(m, k) needs 1 <= k < m, got m = {m}, k = {k}");
        }
        if (!(tolerance > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), $"tolerance must be > 0, got {tolerance}");
        }
        M = m;
        K = k;
        Tolerance = tolerance;
        MaxIterations = maxIterations;
        Preconditioner = preconditioner;
        Orthogonalization = orthogonalization;
    }

    /// <summary>Subspace dimension of a cycle (the recycle space included).</summary>
    public int M { get; }

    /// <summary>Recycle space dimension.</summary>
    public int K { get; }

    public double Tolerance { get; }

    public int MaxIterations { get; }

    public IPreconditionerFactory? Preconditioner { get; }

    public Orthogonalization Orthogonalization { get; }

    /// <summary>Cycles between updates of the recycle space within a solve (1: every cycle, as in Parks et al.). The
    /// space is always updated in the cycle that converges, and in every cycle while it is still being built.</summary>
    public int UpdateInterval { get; init; } = 1;

    /// <summary>Current recycle space dimension (0 before the first solve or after <see cref="Reset"/>).</summary>
    public int RecycleDimension => _kk;

    /// <summary>Vectors of the system's length that a solve holds: U, C, the m − k + 1 Arnoldi vectors and three work vectors.</summary>
    public int WorkspaceVectors => M + K + 4;

    /// <summary>Bytes held by the recycle space (U and C) and the Krylov basis between solves.</summary>
    public long RetainedBytes => 8L * (_u.Sum(v => (long)v.Length) + _c.Sum(v => (long)v.Length) + _v.Sum(v => (long)v.Length));

    /// <summary>Matrix-vector products spent re-forming C = A M⁻¹ U for a changed matrix (cumulative).</summary>
    public long RecycleMatVecs { get; private set; }

    public string Name => $"gcro-dr({M}, {K}, {Preconditioner?.Name ?? "none"}, tol={Tolerance:G3})";

    /// <summary>Forgets the recycle space.</summary>
    public void Reset()
    {
        _kk = 0;
        _lastMatrix = null;
        _lastPreconditioner = null;
    }

    /// <summary>Solves A x = b with recycling; the matrix counts as changed when it is a different object than last time.</summary>
    public LinearSolveResult Solve(CsrMatrix a, ReadOnlySpan<double> b, Span<double> x)
        => Solve(a, b, x, !ReferenceEquals(a, _lastMatrix));

    /// <summary>Solves A x = b with recycling. <paramref name="matrixChanged"/> = false promises that A (and so the
    /// preconditioner) is the one of the previous call, so C = A M⁻¹ U still holds and is not recomputed.</summary>
    public LinearSolveResult Solve(CsrMatrix a, ReadOnlySpan<double> b, Span<double> x, bool matrixChanged)
    {
        var clock = Stopwatch.StartNew();
        LinearSystemChecks.Validate(a, b, x);
        int n = a.Size;
        EnsureStorage(n);
        if (!ReferenceEquals(a, _lastMatrix))
        {
            matrixChanged = true;
        }
        IPreconditioner? previousPrec = _lastPreconditioner;
        IPreconditioner? prec = matrixChanged || _lastPreconditioner is null && Preconditioner is not null
            ? Preconditioner?.Create(a)
            : _lastPreconditioner;
        _lastMatrix = a;
        _lastPreconditioner = prec;

        double bnorm = VectorOps.Norm(b);
        if (bnorm == 0)
        {
            x.Clear();
            return new LinearSolveResult(0, 0, true, clock.Elapsed.TotalSeconds);
        }
        var r = new double[n];
        var z = new double[n];
        var w = new double[n];
        double[] t = w;   // the Arnoldi work vector doubles as the update accumulator outside the cycle
        Residual(a, b, x, r);
        if (_kk > 0)
        {
            // New matrix: U moves over in solution space and C = A M_old⁻¹ U_old, then QR. Same matrix: QR only, to restore Cᵀ C = I after the in-place rotations.
            RecomputeC(a, previousPrec, prec, z, matrixChanged);
        }
        if (_kk > 0)
        {
            ProjectOut(r, x, prec, t, z);
        }

        int m = M;
        var basis = new double[m + 1][];
        var g = new double[m + 1, m];      // Ĝ, unrotated
        var h = new double[m + 1, m];      // rotated copy (triangular after Givens)
        var rhs = new double[m + 1];
        var column = new double[m + 1];
        var scratch = new double[m + 1];
        var cs = new double[m];
        var sn = new double[m];
        var d = new double[K];
        int total = 0;
        int falseClaims = 0;
        int cycle = 0;
        while (true)
        {
            double beta = VectorOps.Norm(r);
            if (!double.IsFinite(beta))
            {
                break;
            }
            if (beta / bnorm <= Tolerance)
            {
                Residual(a, b, x, r);
                double trueBeta = VectorOps.Norm(r);
                if (trueBeta / bnorm <= Tolerance || ++falseClaims >= 3)
                {
                    break;
                }
                if (_kk > 0)
                {
                    ProjectOut(r, x, prec, t, z);
                }
                continue;
            }
            if (total >= MaxIterations)
            {
                break;
            }

            int kk = _kk;
            for (int i = 0; i < kk; i++)
            {
                basis[i] = _c[i];
                d[i] = 1 / VectorOps.Norm(_u[i]);
            }
            // The Arnoldi vectors: C's unused slots first (all of C's storage in the first, plain GMRES(m) cycle), then V.
            for (int i = kk; i <= m; i++)
            {
                int slot = i - kk;
                basis[i] = slot < K - kk ? _c[kk + slot] : _v[slot - (K - kk)];
            }
            Array.Clear(g);
            Array.Clear(h);
            Array.Clear(rhs);
            for (int i = 0; i < kk; i++)
            {
                g[i, i] = d[i];
                h[i, i] = d[i];
            }
            rhs[kk] = beta;
            double[] v0 = basis[kk];
            for (int i = 0; i < n; i++)
            {
                v0[i] = r[i] / beta;
            }
            int steps = 0;
            int s = m - kk;
            while (steps < s && total < MaxIterations)
            {
                int col = kk + steps;
                Gmres.Precondition(prec, basis[col], z);
                a.Multiply(z, w);
                double after = Orthogonalizer.Orthogonalize(basis, col + 1, w, column, scratch, Orthogonalization);
                for (int i = 0; i <= col; i++)
                {
                    g[i, col] = column[i];
                    h[i, col] = column[i];
                }
                g[col + 1, col] = after;
                h[col + 1, col] = after;
                if (after > 0)
                {
                    double[] next = basis[col + 1];
                    double inv = 1 / after;
                    for (int i = 0; i < n; i++)
                    {
                        next[i] = w[i] * inv;
                    }
                }
                // Givens: the first kk columns are diagonal, so rotations start at column kk.
                for (int i = kk; i < col; i++)
                {
                    double tt = cs[i] * h[i, col] + sn[i] * h[i + 1, col];
                    h[i + 1, col] = -sn[i] * h[i, col] + cs[i] * h[i + 1, col];
                    h[i, col] = tt;
                }
                double denom = Math.Sqrt(h[col, col] * h[col, col] + h[col + 1, col] * h[col + 1, col]);
                cs[col] = denom == 0 ? 1 : h[col, col] / denom;
                sn[col] = denom == 0 ? 0 : h[col + 1, col] / denom;
                h[col, col] = denom;
                h[col + 1, col] = 0;
                rhs[col + 1] = -sn[col] * rhs[col];
                rhs[col] = cs[col] * rhs[col];
                steps++;
                total++;
                if (Math.Abs(rhs[col + 1]) / bnorm <= Tolerance || after == 0)
                {
                    break;
                }
            }
            int p = kk + steps;
            // y from the triangular system; the first kk rows couple to later columns through Cᵀ B V.
            var y = new double[p];
            for (int i = p - 1; i >= 0; i--)
            {
                double acc = rhs[i];
                for (int j = i + 1; j < p; j++)
                {
                    acc -= h[i, j] * y[j];
                }
                y[i] = h[i, i] != 0 ? acc / h[i, i] : 0;
            }
            // x += M⁻¹ (Ũ y₁ + V y₂), Ũ = U D
            var coef = new double[p];
            for (int i = 0; i < kk; i++)
            {
                coef[i] = -y[i] * d[i];
            }
            Array.Clear(t);
            VectorOps.MultiAxpy(_u, kk, coef.AsSpan(0, kk), t);
            for (int i = kk; i < p; i++)
            {
                coef[i] = -y[i];
            }
            VectorOps.MultiAxpy(new ArraySegment<double[]>(basis, kk, steps), steps, coef.AsSpan(kk, steps), t);
            Gmres.Precondition(prec, t, z);
            VectorOps.Axpy(1.0, z, x);
            // r = Ŵ_{p+1} (c − Ĝ y) with c = [0; β e₁]
            var q = new double[p + 1];
            q[kk] = beta;
            for (int i = 0; i <= p; i++)
            {
                double acc = 0;
                for (int j = 0; j < p; j++)
                {
                    acc += g[i, j] * y[j];
                }
                q[i] = -(q[i] - acc);
            }
            Array.Clear(r);
            VectorOps.MultiAxpy(basis, p + 1, q, r);

            bool lastCycle = Math.Abs(rhs[p]) / bnorm <= Tolerance || total >= MaxIterations;
            if (kk == 0 || lastCycle || cycle % Math.Max(1, UpdateInterval) == 0)
            {
                UpdateRecycleSpace(g, basis, kk, steps, d);
            }
            cycle++;
        }
        double trueRes = VectorOps.TrueRelativeResidual(a, b, x);
        return new LinearSolveResult(total, trueRes, trueRes <= Tolerance, clock.Elapsed.TotalSeconds);
    }

    private void EnsureStorage(int n)
    {
        if (_v.Length == M - K + 1 && _v[0].Length == n)
        {
            return;
        }
        _v = new double[M - K + 1][];
        for (int i = 0; i < _v.Length; i++)
        {
            _v[i] = new double[n];
        }
        _u = new double[K][];
        _c = new double[K][];
        for (int i = 0; i < K; i++)
        {
            _u[i] = new double[n];
            _c[i] = new double[n];
        }
        _kk = 0;
    }

    private static void Residual(CsrMatrix a, ReadOnlySpan<double> b, ReadOnlySpan<double> x, double[] r)
    {
        a.Multiply(x, r);
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = b[i] - r[i];
        }
    }

    /// <summary>x += M⁻¹ U Cᵀ r, r −= C Cᵀ r.</summary>
    private void ProjectOut(double[] r, Span<double> x, IPreconditioner? prec, double[] t, double[] z)
    {
        var coef = new double[_kk];
        VectorOps.MultiDot(_c, _kk, r, coef);
        VectorOps.MultiAxpy(_c, _kk, coef, r);
        for (int i = 0; i < _kk; i++)
        {
            coef[i] = -coef[i];
        }
        Array.Clear(t);
        VectorOps.MultiAxpy(_u, _kk, coef, t);
        Gmres.Precondition(prec, t, z);
        VectorOps.Axpy(1.0, z, x);
    }

    /// <summary>
    /// For a new matrix (when <paramref name="multiply"/>): the recycled directions are carried over in solution space,
    /// y = M_old⁻¹ u, then C = A y and U = M_new y (so that M_new⁻¹ U = y); without a preconditioner this is C = A U.
    /// Then C = Q R (Gram–Schmidt twice), C ← Q, U ← U R⁻¹; dependent directions are dropped.
    /// </summary>
    /// <remarks>
    /// Carrying y rather than u matters with a preconditioner that follows the matrix (ILU(0) of each new A): the
    /// approximate eigenvectors of A M⁻¹ near zero are M y for the slowly varying low modes y of the pencil (A, M), so
    /// M_new y is a far better recycle space for the new system than the old u (Darcy 80², ILU(0), 40 sorted systems,
    /// update interval 1: 57 instead of 87 iterations per system). It costs k multiplications by M_new on top of the k solves with M_old.
    /// </remarks>
    private void RecomputeC(CsrMatrix a, IPreconditioner? previous, IPreconditioner? prec, double[] z, bool multiply)
    {
        for (int i = 0; i < _kk && multiply; i++)
        {
            Gmres.Precondition(previous ?? prec, _u[i], z);
            a.Multiply(z, _c[i]);
            if (prec is not null && previous is not null)
            {
                prec.Multiply(z, _u[i]);
            }
            RecycleMatVecs++;
        }
        var coef = new double[_kk];
        int kept = 0;
        for (int j = 0; j < _kk; j++)
        {
            double[] cj = _c[j], uj = _u[j];
            double original = VectorOps.Norm(cj);
            for (int pass = 0; pass < 2 && kept > 0; pass++)
            {
                VectorOps.MultiDot(_c, kept, cj, coef);
                VectorOps.MultiAxpy(_c, kept, coef.AsSpan(0, kept), cj);
                VectorOps.MultiAxpy(_u, kept, coef.AsSpan(0, kept), uj);
            }
            double norm = VectorOps.Norm(cj);
            if (!(norm > 1e-12 * original) || original == 0)
            {
                continue;
            }
            VectorOps.Scale(1 / norm, cj);
            VectorOps.Scale(1 / norm, uj);
            if (kept != j)
            {
                (_c[kept], _c[j]) = (_c[j], _c[kept]);
                (_u[kept], _u[j]) = (_u[j], _u[kept]);
            }
            kept++;
        }
        _kk = kept;
    }

    /// <summary>New (U, C) from the harmonic Ritz vectors of the cycle: P (p × k'), G P = Q R,
    /// C ← Ŵ_{p+1} Q, U ← Ŵ_p P R⁻¹ (Ŵ_p = [U D, V]), both rotated in place.</summary>
    private void UpdateRecycleSpace(double[,] g, double[][] basis, int kk, int steps, double[] d)
    {
        int p = kk + steps;
        var gm = new double[p + 1, p];
        for (int i = 0; i <= p; i++)
        {
            for (int j = 0; j < p; j++)
            {
                gm[i, j] = g[i, j];
            }
        }
        // Ŵ_{p+1}ᵀ Ŵ_p: [[Cᵀ Ũ, 0], [Vᵀ Ũ, I]] (Cᵀ V = 0 by construction)
        var wtw = new double[p + 1, p];
        if (kk > 0)
        {
            var gram = new double[kk, p + 1];
            VectorOps.GramBlock(_u, kk, basis, p + 1, gram);
            for (int j = 0; j < kk; j++)
            {
                for (int i = 0; i <= p; i++)
                {
                    wtw[i, j] = gram[j, i] * d[j];
                }
            }
        }
        for (int j = kk; j < p; j++)
        {
            wtw[j, j] = 1;
        }
        double[,] pk = HarmonicRitz.Smallest(gm, wtw, K);
        var (q, rr, kept) = SmallDense.ThinQr(SmallDense.Times(gm, pk));
        int knew = kept.Length;
        if (knew == 0)
        {
            _kk = 0;
            return;
        }
        if (knew < pk.GetLength(1))
        {
            var reduced = new double[p, knew];
            for (int i = 0; i < p; i++)
            {
                for (int c = 0; c < knew; c++)
                {
                    reduced[i, c] = pk[i, kept[c]];
                }
            }
            pk = reduced;
        }
        double[,] pr = SmallDense.TimesInverseUpper(pk, rr);   // p × k'
        // U ← [U D, V] (P R⁻¹)
        var uSources = new double[p][];
        var uCoef = new double[p, knew];
        for (int i = 0; i < p; i++)
        {
            uSources[i] = i < kk ? _u[i] : basis[i];
            double scale = i < kk ? d[i] : 1;
            for (int c = 0; c < knew; c++)
            {
                uCoef[i, c] = pr[i, c] * scale;
            }
        }
        VectorOps.CombineInPlace(uSources, _u, uCoef);
        // C ← [C, V] Q
        var cCoef = new double[p + 1, knew];
        for (int i = 0; i <= p; i++)
        {
            for (int c = 0; c < knew; c++)
            {
                cCoef[i, c] = q[i, c];
            }
        }
        VectorOps.CombineInPlace(basis[..(p + 1)], _c, cCoef);
        _kk = knew;
    }
}
