using System.Diagnostics;
using System.Globalization;
using NeuralPDE.Core.Families.Burgers;
using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Solvers;

namespace NeuralPDE.Numerics.Burgers;

/// <summary>
/// Reference solver for <c>burgers</c>/<c>dirichlet-sine</c>: u_t + u u_x = nu u_xx on [-1, 1], u0 = -sin(pi x),
/// u(+-1, t) = 0, by sinh-mapped Chebyshev collocation with ETDRK4 (<see cref="BurgersChebyshevSolver"/>),
/// interpolated barycentrically to the evaluation grid: axes [t, x] with t uniform on [0, tEnd]
/// (<c>reference.outputTimes</c> points) and x uniform on [-1, 1] (<c>reference.outputPoints</c>), which for
/// the defaults is exactly the grid of Raissi et al.'s <c>burgers_shock.mat</c> (100 x 256). The exact field
/// is the Cole–Hopf solution (<see cref="ColeHopfSolution"/>). Dense CPU linear algebra ((N-1)^2 per product);
/// <see cref="SolveOptions.Device"/> is not used.
/// </summary>
public sealed class BurgersReferenceSolver : IReferenceSolver
{
    public string Name => "chebyshev-etdrk4";

    public ReferenceSolution Solve(ProblemSpec spec, SolveOptions options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        options ??= SolveOptions.Default;
        BurgersParameters p = BurgersParameters.FromSpec(spec);
        if (spec.Variant != "dirichlet-sine")
        {
            throw new SpecException(spec.Name, "variant", $"expected dirichlet-sine for this solver, got \"{spec.Variant}\"");
        }
        BurgersReferenceSettings s = BurgersReferenceSettings.FromSpec(spec, options);
        double outputInterval = p.TEnd / (s.OutputTimes - 1);
        if (s.TimeStep > outputInterval * (1 + 1e-12))
        {
            throw new SpecException(spec.Name, "reference.timeStep", $"expected a number <= the output interval tEnd/(outputTimes-1) = {outputInterval.ToString("G6", CultureInfo.InvariantCulture)}, got {s.TimeStep.ToString("G6", CultureInfo.InvariantCulture)}");
        }

        var clock = Stopwatch.StartNew();
        var solver = new BurgersChebyshevSolver(p.Nu, s.Resolution, s.MapScale);
        double setupSeconds = clock.Elapsed.TotalSeconds;
        GridAxis tAxis = GridAxis.Uniform("t", 0.0, p.TEnd, s.OutputTimes);
        GridAxis xAxis = GridAxis.Uniform("x", p.XMin, p.XMax, s.OutputPoints);
        double[] interpolation = solver.InterpolationMatrix(xAxis.Values);
        BurgersChebyshevRun run = solver.Run(
            x => -Math.Sin(Math.PI * x),
            tAxis.Values,
            s.TimeStep,
            k => options.Progress?.Report(new SolveProgress((k + 1.0) / s.OutputTimes, $"t = {tAxis.Values[k]:F3}")),
            options.Cancellation);

        int nx = xAxis.Length, np = s.Resolution + 1;
        var u = new double[tAxis.Length * nx];
        for (int k = 0; k < tAxis.Length; k++)
        {
            double[] nodes = run.Snapshots[k];
            for (int q = 0; q < nx; q++)
            {
                double sum = 0;
                for (int j = 0; j < np; j++)
                {
                    sum += interpolation[q * np + j] * nodes[j];
                }
                u[k * nx + q] = sum;
            }
            // t = 0 is the initial condition itself, not its interpolant.
            if (tAxis.Values[k] == 0)
            {
                for (int q = 0; q < nx; q++)
                {
                    u[q] = -Math.Sin(Math.PI * xAxis.Values[q]);
                }
            }
        }
        double solveSeconds = clock.Elapsed.TotalSeconds;

        string name = string.Create(CultureInfo.InvariantCulture, $"{Name}(N={s.Resolution}, map=sinh(eps={s.MapScale:G3}), dt={run.MaxStep:G3})");
        var solution = new ReferenceSolution(spec.Name, name, [tAxis, xAxis], "u").AddField("u", u);
        if (s.Exact)
        {
            var exactClock = Stopwatch.StartNew();
            solution.AddExact("u", new ColeHopfSolution(p.Nu).EvaluateGrid(tAxis.Values, xAxis.Values));
            solution.Statistics["exactSeconds"] = exactClock.Elapsed.TotalSeconds;
        }
        solution.Statistics["points"] = np;
        solution.Statistics["steps"] = run.Steps;
        solution.Statistics["dt"] = run.MaxStep;
        solution.Statistics["seconds"] = solveSeconds;
        solution.Statistics["setupSeconds"] = setupSeconds;
        solution.Statistics["stiffness"] = solver.Eigenvalues.Max(z => z.Magnitude) * run.MaxStep;
        return solution;
    }
}
