namespace NeuralPDE.Numerics.PorousMedium;

/// <summary>
/// Damped Newton's method with a backtracking line search on ||R||₂, falling back to Picard (lagged
/// diffusivity) iterations from the last iterate when Newton stalls — e.g. on the Stefan step k, whose
/// Kirchhoff potential has a kink. Throws <see cref="InvalidOperationException"/> when neither converges.
/// </summary>
public static class NewtonSolver
{
    /// <summary>Solves R(u) = 0 in place, starting from <paramref name="u"/>.</summary>
    public static void Solve(INonlinearSystem system, double[] u, double residualScale, NewtonSettings settings, NewtonStatistics stats, string where)
    {
        int n = system.Size;
        var r = new double[n];
        var rTrial = new double[n];
        var delta = new double[n];
        var trial = new double[n];
        double target = settings.Tolerance * residualScale;
        system.Residual(u, r);
        double rInf = MaxAbs(r);
        int iterations = 0;
        bool converged = rInf <= target;
        while (!converged && iterations < settings.MaxIterations)
        {
            Negate(r);
            Array.Clear(delta);
            stats.LinearIterations += system.SolveLinearised(u, r, delta, picard: false);
            Negate(r);
            iterations++;
            stats.NewtonIterations++;
            double norm = Norm2(r);
            double lambda = 1;
            bool accepted = false;
            for (int k = 0; k < 12; k++, lambda *= 0.5)
            {
                for (int i = 0; i < n; i++)
                {
                    trial[i] = u[i] + lambda * delta[i];
                }
                system.Residual(trial, rTrial);
                double trialNorm = Norm2(rTrial);
                if (double.IsFinite(trialNorm) && (trialNorm <= (1 - 1e-4 * lambda) * norm || MaxAbs(rTrial) <= target))
                {
                    accepted = true;
                    break;
                }
            }
            if (!accepted)
            {
                break;
            }
            Array.Copy(trial, u, n);
            Array.Copy(rTrial, r, n);
            rInf = MaxAbs(r);
            converged = rInf <= target;
        }
        if (!converged)
        {
            stats.PicardFallbacks++;
            int picard = 0;
            while (!converged && picard < settings.MaxPicardIterations)
            {
                Negate(r);
                Array.Clear(delta);
                stats.LinearIterations += system.SolveLinearised(u, r, delta, picard: true);
                for (int i = 0; i < n; i++)
                {
                    u[i] += delta[i];
                }
                picard++;
                stats.PicardIterations++;
                system.Residual(u, r);
                rInf = MaxAbs(r);
                converged = rInf <= target;
            }
            iterations += picard;
            if (!converged)
            {
                throw new InvalidOperationException($"{where}: Newton ({settings.MaxIterations} steps) and Picard ({settings.MaxPicardIterations} steps) did not converge; max |R|/scale = {rInf / residualScale:G3} > tolerance {settings.Tolerance:G3}; reduce the time step or smooth k (reference.stefanSmoothing)");
            }
        }
        stats.MaxIterationsPerStep = Math.Max(stats.MaxIterationsPerStep, iterations);
        stats.MaxFinalResidual = Math.Max(stats.MaxFinalResidual, rInf / residualScale);
    }

    private static void Negate(double[] v)
    {
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = -v[i];
        }
    }

    private static double MaxAbs(ReadOnlySpan<double> v)
    {
        double m = 0;
        foreach (double x in v)
        {
            m = Math.Max(m, Math.Abs(x));
        }
        return double.IsNaN(m) ? double.PositiveInfinity : m;
    }

    private static double Norm2(ReadOnlySpan<double> v)
    {
        double s = 0;
        foreach (double x in v)
        {
            s += x * x;
        }
        return Math.Sqrt(s);
    }
}
