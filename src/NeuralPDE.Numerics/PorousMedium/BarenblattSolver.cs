using System.Diagnostics;
using System.Globalization;
using NeuralPDE.Core.Families.PorousMedium;
using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Linear;
using NeuralPDE.Numerics.Solvers;

namespace NeuralPDE.Numerics.PorousMedium;

/// <summary>
/// Reference solver for the 2-D Barenblatt problem (<c>porous-medium</c>/<c>barenblatt-2d</c>): u_t = div(u^m grad u)
/// on [−L, L]² with zero-flux walls, started at t0 &gt; 0 from the exact Barenblatt profile (cell-centre values),
/// conservative finite volumes (<see cref="Gpme2DFiniteVolume"/>), implicit BDF2 or backward Euler, Newton with the
/// analytic Jacobian solved by GMRES + ILU(0) (or <see cref="SolveOptions.LinearSolver"/>).
/// Output: axes [t, x, y] at <c>reference.snapshots</c> times from t0 to tEnd, field and exact field <c>u</c>.
/// Statistics: newtonIterations, linearIterations, steps, dt, h, massDrift (max_n |M^n − M^0|/M^0 with
/// M = h² Σ u), exactMassError (|M^0 − exact mass|/exact mass, a quadrature error), seconds.
/// </summary>
public sealed class BarenblattSolver : IReferenceSolver
{
    public string Name => "fv-newton-gmres";

    public ReferenceSolution Solve(ProblemSpec spec, SolveOptions options)
    {
        var clock = Stopwatch.StartNew();
        BarenblattParameters p = BarenblattParameters.FromSpec(spec);
        GpmeReferenceSettings s = GpmeReferenceSettings.FromSpec(spec, options.Resolution);
        int snapshots = spec.Integer("reference.snapshots", min: 2);
        BarenblattSolution exact = p.Exact();
        var flux = new FaceFlux(exact.Diffusivity, s.Mean);
        int intervals = snapshots - 1;
        double span = p.TEnd - p.T0;
        int stepsPerInterval = (int)Math.Ceiling(span / intervals / s.TimeStep - 1e-9);
        double dt = span / ((double)intervals * stepsPerInterval);
        int n = s.Resolution;
        double h = 2 * p.HalfWidth / n;
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = -p.HalfWidth + (i + 0.5) * h;
        }
        double[] Sample(double t)
        {
            var v = new double[n * n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    v[i * n + j] = exact.Value(x[i], x[j], t);
                }
            }
            return v;
        }
        double[] initial = Sample(p.T0);
        ILinearSolver linear = options.LinearSolver ?? new Gmres(restart: 50, tolerance: s.LinearTolerance, preconditioner: Ilu0Preconditioner.Factory);
        var fv = new Gpme2DFiniteVolume(-p.HalfWidth, p.HalfWidth, n, flux, initial, dt, s.Scheme, s.Newton, linear, p.T0);

        int cells = n * n;
        var times = new double[snapshots];
        var u = new double[snapshots * cells];
        var ue = new double[snapshots * cells];
        Array.Copy(initial, u, cells);
        times[0] = p.T0;
        for (int j = 1; j <= intervals; j++)
        {
            for (int step = 0; step < stepsPerInterval; step++)
            {
                options.Cancellation.ThrowIfCancellationRequested();
                fv.Step();
            }
            times[j] = j == intervals ? p.TEnd : p.T0 + j * stepsPerInterval * dt;
            Array.Copy(fv.U, 0, u, j * cells, cells);
            options.Progress?.Report(new SolveProgress((double)j / intervals, $"t = {fv.Time:G4}"));
        }
        for (int j = 0; j < snapshots; j++)
        {
            Array.Copy(Sample(times[j]), 0, ue, j * cells, cells);
        }

        string solver = string.Create(CultureInfo.InvariantCulture,
            $"fv-newton(barenblatt m={p.M:G4}, N={n}x{n}, dt={dt:G4}, {s.SchemeName}, face={s.MeanName}, {linear.Name})");
        var result = new ReferenceSolution(spec.Name, solver, [new GridAxis("t", times), new GridAxis("x", x), new GridAxis("y", (double[])x.Clone())], "u");
        result.AddField("u", u).AddExact("u", ue);
        NewtonStatistics st = fv.Statistics;
        double exactMass = exact.Mass2D();
        result.Statistics["newtonIterations"] = st.NewtonIterations;
        result.Statistics["picardIterations"] = st.PicardIterations;
        result.Statistics["linearIterations"] = st.LinearIterations;
        result.Statistics["maxIterationsPerStep"] = st.MaxIterationsPerStep;
        result.Statistics["steps"] = intervals * stepsPerInterval;
        result.Statistics["dt"] = dt;
        result.Statistics["h"] = h;
        result.Statistics["massDrift"] = fv.Ledger.RelativeDrift;
        result.Statistics["initialMass"] = fv.Ledger.InitialMass;
        result.Statistics["exactMassError"] = Math.Abs(fv.Ledger.InitialMass - exactMass) / exactMass;
        result.Statistics["seconds"] = clock.Elapsed.TotalSeconds;
        return result;
    }
}
