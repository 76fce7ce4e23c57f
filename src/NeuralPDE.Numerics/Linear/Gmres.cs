using System.Diagnostics;

namespace NeuralPDE.Numerics.Linear;

/// <summary>
/// Restarted GMRES(m) with right preconditioning, modified Gram–Schmidt with one re-orthogonalisation
/// pass where cancellation is detected, and Givens rotations for the least-squares problem.
/// </summary>
public sealed class Gmres : ILinearSolver
{
    public Gmres(int restart = 40, double tolerance = 1e-10, int maxIterations = 20_000, IPreconditionerFactory? preconditioner = null)
    {
        if (restart < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(restart), "restart must be >= 1");
        }
        Restart = restart;
        Tolerance = tolerance;
        MaxIterations = maxIterations;
        Preconditioner = preconditioner;
    }

    public int Restart { get; }

    public double Tolerance { get; }

    public int MaxIterations { get; }

    public IPreconditionerFactory? Preconditioner { get; }

    public string Name => $"gmres({Restart}, {Preconditioner?.Name ?? "none"}, tol={Tolerance:G3})";

    public LinearSolveResult Solve(CsrMatrix a, ReadOnlySpan<double> b, Span<double> x)
    {
        var clock = Stopwatch.StartNew();
        int n = a.Size;
        int m = Restart;
        IPreconditioner? prec = Preconditioner?.Create(a);
        double bnorm = VectorOps.Norm(b);
        if (bnorm == 0)
        {
            bnorm = 1;
        }
        var v = new double[m + 1][];
        for (int i = 0; i <= m; i++)
        {
            v[i] = new double[n];
        }
        var h = new double[m + 1, m];
        var cs = new double[m];
        var sn = new double[m];
        var g = new double[m + 1];
        var w = new double[n];
        var z = new double[n];
        int total = 0;
        double resid = double.PositiveInfinity;
        while (total < MaxIterations)
        {
            a.Multiply(x, v[0]);
            for (int i = 0; i < n; i++)
            {
                v[0][i] = b[i] - v[0][i];
            }
            double beta = VectorOps.Norm(v[0]);
            resid = beta / bnorm;
            if (resid <= Tolerance)
            {
                break;
            }
            for (int i = 0; i < n; i++)
            {
                v[0][i] /= beta;
            }
            Array.Clear(g);
            g[0] = beta;
            int j = 0;
            for (; j < m && total < MaxIterations; j++, total++)
            {
                ApplyPreconditioner(prec, v[j], z);
                a.Multiply(z, w);
                double before = VectorOps.Norm(w);
                for (int i = 0; i <= j; i++)
                {
                    double hij = VectorOps.Dot(w, v[i]);
                    h[i, j] = hij;
                    VectorOps.Axpy(-hij, v[i], w);
                }
                double after = VectorOps.Norm(w);
                if (after < 0.7 * before)
                {
                    for (int i = 0; i <= j; i++)
                    {
                        double c = VectorOps.Dot(w, v[i]);
                        h[i, j] += c;
                        VectorOps.Axpy(-c, v[i], w);
                    }
                    after = VectorOps.Norm(w);
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
                resid = Math.Abs(g[j + 1]) / bnorm;
                if (resid <= Tolerance || after == 0)
                {
                    j++;
                    total++;
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
                y[i] = s / h[i, i];
            }
            Array.Clear(w);
            for (int i = 0; i < j; i++)
            {
                VectorOps.Axpy(y[i], v[i], w);
            }
            ApplyPreconditioner(prec, w, z);
            VectorOps.Axpy(1.0, z, x);
            if (resid <= Tolerance)
            {
                break;
            }
        }
        double trueRes = VectorOps.TrueRelativeResidual(a, b, x);
        return new LinearSolveResult(total, trueRes, trueRes <= Tolerance * 10, clock.Elapsed.TotalSeconds);
    }

    private static void ApplyPreconditioner(IPreconditioner? p, double[] r, double[] z)
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
