using System.Diagnostics;

namespace NeuralPDE.Numerics.Linear;

/// <summary>
/// Preconditioned conjugate gradients for symmetric positive definite systems. When the recursive residual reaches
/// the tolerance the true residual b − A x is recomputed; if it is above the tolerance CG restarts from it (at most
/// three times, the rounding floor), and <see cref="LinearSolveResult.Converged"/> is true only when the true relative
/// residual is ≤ the tolerance.
/// </summary>
public sealed class ConjugateGradient : ILinearSolver
{
    public ConjugateGradient(double tolerance = 1e-10, int maxIterations = 10_000, IPreconditionerFactory? preconditioner = null)
    {
        Tolerance = tolerance;
        MaxIterations = maxIterations;
        Preconditioner = preconditioner;
    }

    public double Tolerance { get; }

    public int MaxIterations { get; }

    public IPreconditionerFactory? Preconditioner { get; }

    public string Name => $"cg({Preconditioner?.Name ?? "none"}, tol={Tolerance:G3})";

    public LinearSolveResult Solve(CsrMatrix a, ReadOnlySpan<double> b, Span<double> x)
    {
        var clock = Stopwatch.StartNew();
        LinearSystemChecks.Validate(a, b, x);
        int n = a.Size;
        IPreconditioner? m = Preconditioner?.Create(a);
        var r = new double[n];
        var z = new double[n];
        var p = new double[n];
        var q = new double[n];
        double bnorm = VectorOps.Norm(b);
        if (bnorm == 0)
        {
            x.Clear();
            return new LinearSolveResult(0, 0, true, clock.Elapsed.TotalSeconds);
        }
        int it = 0;
        double res = double.PositiveInfinity;
        for (int replacement = 0; replacement <= 3; replacement++)
        {
            a.Multiply(x, r);
            for (int i = 0; i < n; i++)
            {
                r[i] = b[i] - r[i];
            }
            res = VectorOps.Norm(r) / bnorm;
            if (res <= Tolerance || it >= MaxIterations || !double.IsFinite(res))
            {
                break;
            }
            Precondition(m, r, z);
            z.CopyTo(p, 0);
            double rz = VectorOps.Dot(r, z);
            while (it < MaxIterations && VectorOps.Norm(r) / bnorm > Tolerance)
            {
                a.Multiply(p, q);
                double alpha = rz / VectorOps.Dot(p, q);
                VectorOps.Axpy(alpha, p, x);
                VectorOps.Axpy(-alpha, q, r);
                Precondition(m, r, z);
                double rzNew = VectorOps.Dot(r, z);
                double beta = rzNew / rz;
                rz = rzNew;
                for (int i = 0; i < n; i++)
                {
                    p[i] = z[i] + beta * p[i];
                }
                it++;
            }
        }
        res = VectorOps.TrueRelativeResidual(a, b, x);
        return new LinearSolveResult(it, res, res <= Tolerance, clock.Elapsed.TotalSeconds);
    }

    private static void Precondition(IPreconditioner? m, double[] r, double[] z)
    {
        if (m is null)
        {
            r.CopyTo(z, 0);
        }
        else
        {
            m.Apply(r, z);
        }
    }
}
