using System.Diagnostics;

namespace NeuralPDE.Numerics.Linear;

/// <summary>
/// Restarted GMRES(m) with right preconditioning (A M⁻¹ y = b, x = M⁻¹ y), Arnoldi by modified Gram–Schmidt or
/// classical Gram–Schmidt twice (<see cref="Orthogonalization"/>), and Givens rotations for the least-squares
/// problem. Every restart recomputes the true residual b − A x; the solve stops only when that true relative residual
/// is ≤ the tolerance (<see cref="LinearSolveResult.Converged"/>), when the iteration budget is spent, or when the
/// recursive residual claims convergence three times while the true one does not (the rounding floor), in which
/// case it reports Converged = false.
/// </summary>
public sealed class Gmres : ILinearSolver
{
    public Gmres(int restart = 40, double tolerance = 1e-10, int maxIterations = 20_000, IPreconditionerFactory? preconditioner = null,
        Orthogonalization orthogonalization = Orthogonalization.ClassicalTwice)
    {
        if (restart < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(restart), "restart must be >= 1");
        }
        if (!(tolerance > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), $"tolerance must be > 0, got {tolerance}");
        }
        Restart = restart;
        Tolerance = tolerance;
        MaxIterations = maxIterations;
        Preconditioner = preconditioner;
        Orthogonalization = orthogonalization;
    }

    public int Restart { get; }

    public double Tolerance { get; }

    public int MaxIterations { get; }

    public IPreconditionerFactory? Preconditioner { get; }

    public Orthogonalization Orthogonalization { get; }

    public string Name => $"gmres({Restart}, {Preconditioner?.Name ?? "none"}, tol={Tolerance:G3})";

    public LinearSolveResult Solve(CsrMatrix a, ReadOnlySpan<double> b, Span<double> x)
        => Solve(a, b, x, Preconditioner?.Create(a));

    /// <summary>As <see cref="Solve(CsrMatrix, ReadOnlySpan{double}, Span{double})"/> with a ready preconditioner (null: none).</summary>
    public LinearSolveResult Solve(CsrMatrix a, ReadOnlySpan<double> b, Span<double> x, IPreconditioner? prec)
    {
        var clock = Stopwatch.StartNew();
        LinearSystemChecks.Validate(a, b, x);
        int n = a.Size;
        int m = Restart;
        double bnorm = VectorOps.Norm(b);
        if (bnorm == 0)
        {
            x.Clear();
            return new LinearSolveResult(0, 0, true, clock.Elapsed.TotalSeconds);
        }
        var v = new double[m + 1][];
        for (int i = 0; i <= m; i++)
        {
            v[i] = new double[n];
        }
        var h = new double[m + 1, m];
        var column = new double[m + 1];
        var scratch = new double[m + 1];
        var cs = new double[m];
        var sn = new double[m];
        var g = new double[m + 1];
        var w = new double[n];
        var z = new double[n];
        int total = 0;
        int falseClaims = 0;
        bool claimed = false;
        while (true)
        {
            a.Multiply(x, v[0]);
            for (int i = 0; i < n; i++)
            {
                v[0][i] = b[i] - v[0][i];
            }
            double beta = VectorOps.Norm(v[0]);
            if (beta / bnorm <= Tolerance || total >= MaxIterations || !double.IsFinite(beta))
            {
                break;
            }
            if (claimed && ++falseClaims >= 3)
            {
                break;
            }
            VectorOps.Scale(1 / beta, v[0]);
            Array.Clear(g);
            g[0] = beta;
            claimed = false;
            int j = 0;
            while (j < m && total < MaxIterations)
            {
                Precondition(prec, v[j], z);
                a.Multiply(z, w);
                double after = Orthogonalizer.Orthogonalize(v, j + 1, w, column, scratch, Orthogonalization);
                for (int i = 0; i <= j; i++)
                {
                    h[i, j] = column[i];
                }
                h[j + 1, j] = after;
                if (after > 0)
                {
                    for (int i = 0; i < n; i++)
                    {
                        v[j + 1][i] = w[i] / after;
                    }
                }
                for (int i = 0; i < j; i++)
                {
                    double t = cs[i] * h[i, j] + sn[i] * h[i + 1, j];
                    h[i + 1, j] = -sn[i] * h[i, j] + cs[i] * h[i + 1, j];
                    h[i, j] = t;
                }
                double denom = Math.Sqrt(h[j, j] * h[j, j] + h[j + 1, j] * h[j + 1, j]);
                cs[j] = denom == 0 ? 1 : h[j, j] / denom;
                sn[j] = denom == 0 ? 0 : h[j + 1, j] / denom;
                h[j, j] = denom;
                h[j + 1, j] = 0;
                g[j + 1] = -sn[j] * g[j];
                g[j] = cs[j] * g[j];
                j++;
                total++;
                if (Math.Abs(g[j]) / bnorm <= Tolerance || after == 0)
                {
                    claimed = true;
                    break;
                }
            }
            // back substitution for y, then x += M^{-1} V y
            var y = new double[j];
            for (int i = j - 1; i >= 0; i--)
            {
                double s = g[i];
                for (int k = i + 1; k < j; k++)
                {
                    s -= h[i, k] * y[k];
                }
                y[i] = h[i, i] != 0 ? s / h[i, i] : 0;
            }
            Array.Clear(w);
            for (int i = 0; i < j; i++)
            {
                y[i] = -y[i];
            }
            VectorOps.MultiAxpy(v, j, y, w);
            Precondition(prec, w, z);
            VectorOps.Axpy(1.0, z, x);
        }
        double trueRes = VectorOps.TrueRelativeResidual(a, b, x);
        return new LinearSolveResult(total, trueRes, trueRes <= Tolerance, clock.Elapsed.TotalSeconds);
    }

    internal static void Precondition(IPreconditioner? p, double[] r, double[] z)
    {
        if (p is null)
        {
            r.CopyTo(z, 0);
        }
        else
        {
            p.Apply(r, z);
        }
    }
}
