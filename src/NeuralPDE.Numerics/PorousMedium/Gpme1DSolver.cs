using System.Diagnostics;
using System.Globalization;
using NeuralPDE.Core.Families.PorousMedium;
using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Solvers;

namespace NeuralPDE.Numerics.PorousMedium;

/// <summary>
/// Reference solver for the 1-D GPME family (<c>porous-medium</c>/<c>gpme-1d</c>): conservative cell-centred
/// finite volumes (<see cref="Gpme1DFiniteVolume"/>), implicit BDF2 or backward Euler, Newton with a tridiagonal
/// Jacobian. Initial data and both Dirichlet values come from the law's exact solution. For the Stefan law
/// k may be regularised over <c>reference.stefanSmoothing</c> = δ (default 0, the exact step handled in
/// Kirchhoff/enthalpy form, with Picard iterations as the fallback when Newton stalls on the kink).
/// Output: axes [t, x] (outputTimes + 1 times from 0 to tEnd, the N cell centres), field and exact field <c>u</c>.
/// Statistics: newtonIterations, picardIterations, picardFallbacks, steps, dt, h, massDrift (relative discrete
/// mass defect |M^n − M^0 − inflow^n|, see <see cref="MassLedger"/>), seconds.
/// </summary>
public sealed class Gpme1DSolver : IReferenceSolver
{
    public string Name => "fv-newton";

    public ReferenceSolution Solve(ProblemSpec spec, SolveOptions options)
    {
        var clock = Stopwatch.StartNew();
        Gpme1DParameters p = Gpme1DParameters.FromSpec(spec);
        GpmeReferenceSettings s = GpmeReferenceSettings.FromSpec(spec, options.Resolution);
        int outputs = spec.Integer("reference.outputTimes", min: 1);
        if (p.Law == GpmeLaw.Stefan && s.Mean != FaceMean.Kirchhoff && s.StefanSmoothing == 0)
        {
            throw new SpecException(spec.Name, "reference.stefanSmoothing",
                $"expected a number > 0 with faceMean = {s.MeanName} and law = stefan (with the exact step k the cell balances are discontinuous and Newton/Picard cycle), or use faceMean = kirchhoff; got 0");
        }
        IGpmeExactSolution1D exact = p.Exact();
        Diffusivity k = p.Law == GpmeLaw.Stefan ? new StefanDiffusivity(p.UStar, s.StefanSmoothing) : exact.Diffusivity;
        var flux = new FaceFlux(k, s.Mean);

        int stepsPerOutput = (int)Math.Ceiling(p.TEnd / outputs / s.TimeStep - 1e-9);
        double dt = p.TEnd / ((double)outputs * stepsPerOutput);
        int n = s.Resolution;
        double h = (p.XMax - p.XMin) / n;
        var initial = new double[n];
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = p.XMin + (i + 0.5) * h;
            initial[i] = exact.Value(x[i], 0);
        }
        var fv = new Gpme1DFiniteVolume(p.XMin, p.XMax, n, flux, t => exact.Value(p.XMin, t), t => exact.Value(p.XMax, t),
            initial, dt, s.Scheme, s.Newton);

        var times = new double[outputs + 1];
        var u = new double[(outputs + 1) * n];
        var ue = new double[(outputs + 1) * n];
        Array.Copy(initial, u, n);
        for (int j = 0; j <= outputs; j++)
        {
            times[j] = j == outputs ? p.TEnd : j * stepsPerOutput * dt;
        }
        for (int j = 1; j <= outputs; j++)
        {
            for (int step = 0; step < stepsPerOutput; step++)
            {
                options.Cancellation.ThrowIfCancellationRequested();
                fv.Step();
            }
            Array.Copy(fv.U, 0, u, j * n, n);
            options.Progress?.Report(new SolveProgress((double)j / outputs, $"t = {fv.Time:G4}"));
        }
        for (int j = 0; j <= outputs; j++)
        {
            for (int i = 0; i < n; i++)
            {
                ue[j * n + i] = exact.Value(x[i], times[j]);
            }
        }

        string solver = string.Create(CultureInfo.InvariantCulture,
            $"fv-newton(law={p.LawName}, k={k.Describe()}, N={n}, dt={dt:G4}, {s.SchemeName}, face={s.MeanName})");
        var result = new ReferenceSolution(spec.Name, solver, [new GridAxis("t", times), new GridAxis("x", x)], "u");
        result.AddField("u", u).AddExact("u", ue);
        NewtonStatistics st = fv.Statistics;
        result.Statistics["newtonIterations"] = st.NewtonIterations;
        result.Statistics["picardIterations"] = st.PicardIterations;
        result.Statistics["picardFallbacks"] = st.PicardFallbacks;
        result.Statistics["maxIterationsPerStep"] = st.MaxIterationsPerStep;
        result.Statistics["steps"] = outputs * stepsPerOutput;
        result.Statistics["dt"] = dt;
        result.Statistics["h"] = h;
        result.Statistics["massDrift"] = fv.Ledger.RelativeDrift;
        result.Statistics["finalMass"] = fv.Mass();
        result.Statistics["boundaryInflow"] = fv.Ledger.Inflow;
        result.Statistics["seconds"] = clock.Elapsed.TotalSeconds;
        return result;
    }
}
