using System.Diagnostics;
using NeuralPDE.Core.Families.NavierStokes;
using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Linear;
using NeuralPDE.Numerics.Solvers;

namespace NeuralPDE.Numerics.NavierStokes;

/// <summary>
/// Kovasznay flow (spec <c>navier-stokes</c>/<c>kovasznay</c>) on the rectangle of the spec, N × N nodes.
/// <c>reference.method</c>:
/// <list type="bullet">
/// <item><c>stream-vorticity</c> (default): a numerical steady solve with the exact boundary data —
/// ψ and ω on the boundary from <see cref="KovasznaySolution"/> — by <see cref="StreamVorticityNewton"/>
/// (second-order central differences), velocities u = ψ_y, v = -ψ_x by central differences, and the pressure
/// from the pressure Poisson equation Δp = 2(ψ_xx ψ_yy - ψ_xy²) with exact Dirichlet values (CG).</item>
/// <item><c>exact</c>: the exact fields sampled on the grid.</item>
/// </list>
/// Fields u, v, p, psi, omega plus the exact u, v, p, psi, omega, so <c>relL2</c> measures the discretisation error.
/// </summary>
public sealed class KovasznaySolver : IReferenceSolver
{
    public const int MinResolution = 9;

    public string Name => "kovasznay";

    public ReferenceSolution Solve(ProblemSpec spec, SolveOptions options)
    {
        var clock = Stopwatch.StartNew();
        KovasznayParameters parameters = KovasznayParameters.FromSpec(spec);
        int n = options.Resolution ?? spec.Integer("reference.resolution", min: MinResolution);
        if (n < MinResolution)
        {
            throw new SpecException(spec.Name, "reference.resolution", $"expected an integer >= {MinResolution}, got {n}");
        }
        string method = spec.TextOr("reference.method", "stream-vorticity", "stream-vorticity", "exact");
        double tolerance = spec.NumberOr("reference.tolerance", 1e-8, min: 0, exclusiveMin: true);
        int maxIterations = spec.IntegerOr("reference.maxIterations", 30, min: 1);

        KovasznaySolution exact = parameters.Exact;
        GridAxis x = GridAxis.Uniform("x", parameters.XMin, parameters.XMax, n);
        GridAxis y = GridAxis.Uniform("y", parameters.YMin, parameters.YMax, n);
        double[] uExact = KovasznaySolution.Sample(exact.U, x.Values, y.Values);
        double[] vExact = KovasznaySolution.Sample(exact.V, x.Values, y.Values);
        double[] pExact = KovasznaySolution.Sample(exact.P, x.Values, y.Values);
        double[] psiExact = KovasznaySolution.Sample(exact.Psi, x.Values, y.Values);
        double[] omegaExact = KovasznaySolution.Sample(exact.Omega, x.Values, y.Values);

        ReferenceSolution solution;
        if (method == "exact")
        {
            solution = new ReferenceSolution(spec.Name, $"exact(N={n}, Re={parameters.Re:G6})", [x, y], "u");
            solution.AddField("u", (double[])uExact.Clone()).AddField("v", (double[])vExact.Clone()).AddField("p", (double[])pExact.Clone())
                .AddField("psi", (double[])psiExact.Clone()).AddField("omega", (double[])omegaExact.Clone());
        }
        else
        {
            double hx = (parameters.XMax - parameters.XMin) / (n - 1);
            double hy = (parameters.YMax - parameters.YMin) / (n - 1);
            var psi = new double[n * n];
            var omega = new double[n * n];
            var wallConstant = new double[n * n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    if (i == 0 || j == 0 || i == n - 1 || j == n - 1)
                    {
                        int b = i * n + j;
                        psi[b] = psiExact[b];
                        omega[b] = omegaExact[b];
                        wallConstant[b] = omegaExact[b];
                    }
                }
            }
            var newton = new StreamVorticityNewton(n, n, hx, hy, new double[n * n], wallConstant);
            NewtonResult result = newton.Solve(exact.Nu, psi, omega, tolerance, maxIterations, options.Cancellation);
            if (!result.Converged)
            {
                throw new InvalidOperationException($"{spec.Name}: Newton did not reach reference.tolerance = {tolerance:G3} (max residual {result.Residual:E2} after {result.Iterations} iterations at N = {n})");
            }
            // Exact corner vorticity (the wall rule leaves corners to an average).
            foreach (int c in new[] { 0, n - 1, (n - 1) * n, n * n - 1 })
            {
                omega[c] = omegaExact[c];
            }

            var u = (double[])uExact.Clone();
            var v = (double[])vExact.Clone();
            for (int i = 1; i < n - 1; i++)
            {
                for (int j = 1; j < n - 1; j++)
                {
                    int p = i * n + j;
                    u[p] = (psi[p + 1] - psi[p - 1]) / (2 * hy);
                    v[p] = -(psi[p + n] - psi[p - n]) / (2 * hx);
                }
            }
            double[] pressure = PressurePoisson(psi, pExact, n, hx, hy, options.LinearSolver, out LinearSolveResult pressureSolve);

            solution = new ReferenceSolution(spec.Name, $"stream-vorticity-newton(N={n}, Re={parameters.Re:G6}, tol={tolerance:G3}) + pressure-poisson", [x, y], "u");
            solution.AddField("u", u).AddField("v", v).AddField("p", pressure).AddField("psi", psi).AddField("omega", omega);
            solution.Statistics["iterations"] = result.Iterations;
            solution.Statistics["residual"] = result.Residual;
            solution.Statistics["pressureIterations"] = pressureSolve.Iterations;
            solution.Statistics["pressureResidual"] = pressureSolve.RelativeResidual;
        }
        solution.AddExact("u", uExact).AddExact("v", vExact).AddExact("p", pExact).AddExact("psi", psiExact).AddExact("omega", omegaExact);
        solution.Statistics["lambda"] = exact.Lambda;
        solution.Statistics["seconds"] = clock.Elapsed.TotalSeconds;
        return solution;
    }

    /// <summary>
    /// Solves -Δ_h p = -2(ψ_xx ψ_yy - ψ_xy²) at interior nodes (5-point Laplacian, central second derivatives of ψ)
    /// with p = <paramref name="boundary"/> on the boundary nodes.
    /// </summary>
    private static double[] PressurePoisson(double[] psi, double[] boundary, int n, double hx, double hy, ILinearSolver? linear, out LinearSolveResult stats)
    {
        int m = n - 2;
        double ihx2 = 1 / (hx * hx);
        double ihy2 = 1 / (hy * hy);
        var builder = new CsrBuilder(m * m, 5 * m * m);
        var rhs = new double[m * m];
        for (int i = 1; i < n - 1; i++)
        {
            for (int j = 1; j < n - 1; j++)
            {
                int p = i * n + j;
                int row = (i - 1) * m + (j - 1);
                double psiXX = (psi[p + n] - 2 * psi[p] + psi[p - n]) * ihx2;
                double psiYY = (psi[p + 1] - 2 * psi[p] + psi[p - 1]) * ihy2;
                double psiXY = (psi[p + n + 1] - psi[p + n - 1] - psi[p - n + 1] + psi[p - n - 1]) / (4 * hx * hy);
                double b = -2 * (psiXX * psiYY - psiXY * psiXY);
                builder.Add(row, row, 2 * (ihx2 + ihy2));
                (int di, int dj, double c)[] neighbours = [(1, 0, ihx2), (-1, 0, ihx2), (0, 1, ihy2), (0, -1, ihy2)];
                foreach ((int di, int dj, double c) in neighbours)
                {
                    int qi = i + di;
                    int qj = j + dj;
                    if (qi == 0 || qj == 0 || qi == n - 1 || qj == n - 1)
                    {
                        b += c * boundary[qi * n + qj];
                    }
                    else
                    {
                        builder.Add(row, (qi - 1) * m + (qj - 1), -c);
                    }
                }
                rhs[row] = b;
            }
        }
        CsrMatrix a = builder.Build();
        var solution = new double[m * m];
        ILinearSolver solver = linear ?? new ConjugateGradient(1e-12, 20_000, Ilu0Preconditioner.Factory);
        stats = solver.Solve(a, rhs, solution);
        if (!stats.Converged)
        {
            throw new InvalidOperationException($"pressure Poisson solve did not converge ({solver.Name}: relative residual {stats.RelativeResidual:E2} after {stats.Iterations} iterations)");
        }
        var pressure = (double[])boundary.Clone();
        for (int i = 1; i < n - 1; i++)
        {
            for (int j = 1; j < n - 1; j++)
            {
                pressure[i * n + j] = solution[(i - 1) * m + (j - 1)];
            }
        }
        return pressure;
    }
}
