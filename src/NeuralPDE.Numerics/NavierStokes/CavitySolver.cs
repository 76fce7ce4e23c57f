using System.Diagnostics;
using System.Globalization;
using NeuralPDE.Core.Families.NavierStokes;
using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Solvers;

namespace NeuralPDE.Numerics.NavierStokes;

/// <summary>
/// Steady lid-driven cavity on [0, 1]² (spec <c>navier-stokes</c>/<c>cavity</c>): second-order central
/// differences for the stream function–vorticity equations, ψ = 0 on all walls, Thom's wall vorticity
/// (ω_b = -2 ψ_a / h² on the fixed walls, -2 ψ_a / h² - 2U/h on the lid), solved by
/// <see cref="StreamVorticityNewton"/> to max |F| &lt; <c>reference.tolerance</c>, with continuation in Re
/// (doubling from 100) above Re = 100. Output on the [x, y] node grid: u = ψ_y, v = -ψ_x (central differences
/// inside; wall values on the boundary, u = U on the whole top row including its corners), ψ and ω.
/// Statistics: iterations (Newton, all stages), residual, seconds, stages, stepCuts, unknowns.
/// </summary>
public sealed class CavitySolver : IReferenceSolver
{
    /// <summary>Smallest grid accepted (points per direction).</summary>
    public const int MinResolution = 9;

    public string Name => "stream-vorticity-newton";

    public ReferenceSolution Solve(ProblemSpec spec, SolveOptions options)
    {
        var clock = Stopwatch.StartNew();
        CavityParameters parameters = CavityParameters.FromSpec(spec);
        int n = options.Resolution ?? spec.Integer("reference.resolution", min: MinResolution);
        if (n < MinResolution)
        {
            throw new SpecException(spec.Name, "reference.resolution", $"expected an integer >= {MinResolution}, got {n}");
        }
        double tolerance = spec.NumberOr("reference.tolerance", 1e-8, min: 0, exclusiveMin: true);
        int maxIterations = spec.IntegerOr("reference.maxIterations", 30, min: 1);

        double h = 1.0 / (n - 1);
        double lid = parameters.LidVelocity;
        var coefficient = new double[n * n];
        var constant = new double[n * n];
        for (int k = 1; k < n - 1; k++)
        {
            // Walls: left (i = 0), right (i = n - 1), bottom (j = 0): no slip; lid (j = n - 1): u = U.
            coefficient[k] = -2 / (h * h);
            coefficient[(n - 1) * n + k] = -2 / (h * h);
            coefficient[k * n] = -2 / (h * h);
            coefficient[k * n + n - 1] = -2 / (h * h);
            constant[k * n + n - 1] = -2 * lid / h;
        }
        var newton = new StreamVorticityNewton(n, n, h, h, coefficient, constant);
        var psi = new double[n * n];
        var omega = new double[n * n];

        int iterations = 0;
        int stepCuts = 0;
        int stages = 0;
        NewtonResult? last = null;
        foreach (double re in ContinuationSchedule(parameters.Re))
        {
            options.Cancellation.ThrowIfCancellationRequested();
            double nu = Math.Abs(lid) / re;
            last = newton.Solve(nu, psi, omega, re == parameters.Re ? tolerance : Math.Max(tolerance, 1e-6), maxIterations, options.Cancellation);
            iterations += last.Iterations;
            stepCuts += last.StepCuts;
            stages++;
            options.Progress?.Report(new SolveProgress(Math.Min(1, re / parameters.Re), $"Re = {re.ToString("G4", CultureInfo.InvariantCulture)}: residual {last.Residual:E2} after {last.Iterations} Newton iterations"));
            if (!last.Converged && re != parameters.Re)
            {
                throw new InvalidOperationException($"{spec.Name}: Newton continuation failed at Re = {re:G4} (residual {last.Residual:E2} after {last.Iterations} iterations); try a finer reference.resolution");
            }
        }
        NewtonResult final = last!;
        if (!final.Converged)
        {
            throw new InvalidOperationException($"{spec.Name}: Newton did not reach reference.tolerance = {tolerance:G3} (max residual {final.Residual:E2} after {final.Iterations} iterations at N = {n}); raise reference.maxIterations or reference.tolerance");
        }

        GridAxis x = GridAxis.Uniform("x", 0, 1, n);
        GridAxis y = GridAxis.Uniform("y", 0, 1, n);
        var u = new double[n * n];
        var v = new double[n * n];
        for (int i = 1; i < n - 1; i++)
        {
            for (int j = 1; j < n - 1; j++)
            {
                int p = i * n + j;
                u[p] = (psi[p + 1] - psi[p - 1]) / (2 * h);
                v[p] = -(psi[p + n] - psi[p - n]) / (2 * h);
            }
        }
        for (int i = 0; i < n; i++)
        {
            u[i * n + n - 1] = lid;
        }

        var solution = new ReferenceSolution(spec.Name, $"{Name}(N={n}, Re={parameters.Re:G6}, U={lid:G6}, thom, tol={tolerance:G3})", [x, y], "u");
        solution.AddField("u", u).AddField("v", v).AddField("psi", psi).AddField("omega", omega);
        solution.Statistics["iterations"] = iterations;
        solution.Statistics["residual"] = final.Residual;
        solution.Statistics["converged"] = final.Converged ? 1 : 0;
        solution.Statistics["stages"] = stages;
        solution.Statistics["stepCuts"] = stepCuts;
        solution.Statistics["unknowns"] = newton.Unknowns;
        solution.Statistics["seconds"] = clock.Elapsed.TotalSeconds;
        if (parameters.Re == 100 && lid == 1 && n % 2 == 1)
        {
            // Published comparison (Ghia, Ghia & Shin 1982, Tables I and II): reported with every Re = 100 solve.
            solution.Statistics["ghiaMaxAbsU"] = GhiaCavityData.CentrelineUError(solution);
            solution.Statistics["ghiaMaxAbsV"] = GhiaCavityData.CentrelineVError(solution);
        }
        return solution;
    }

    /// <summary>Reynolds numbers for continuation: 100, 200, 400, ... then the target (just the target when &lt;= 100).</summary>
    public static IReadOnlyList<double> ContinuationSchedule(double re)
    {
        var stages = new List<double>();
        for (double r = 100; r < re; r *= 2)
        {
            stages.Add(r);
        }
        stages.Add(re);
        return stages;
    }
}
