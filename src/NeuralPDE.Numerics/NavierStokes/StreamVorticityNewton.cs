using System.Diagnostics;

namespace NeuralPDE.Numerics.NavierStokes;

/// <summary>
/// Newton's method for the steady 2-D incompressible Navier–Stokes equations in stream function–vorticity
/// form on a uniform rectangular grid (nx × ny nodes, spacings hx, hy, storage [x, y] row-major):
/// <code>
///   F_ψ = Δ_h ψ + ω = 0
///   F_ω = ν Δ_h ω - (ψ_y ω_x - ψ_x ω_y) = 0        (u = ψ_y, v = -ψ_x; all derivatives 2nd-order central)
/// </code>
/// at every interior node. ψ on the boundary is given. ω on a boundary node b (corners excluded) is an affine
/// function of ψ at its interior neighbour a(b) along the inward normal, ω_b = c_b ψ_{a(b)} + d_b: this covers
/// Thom's no-slip formula ω_b = -2(ψ_a - ψ_b)/h² ∓ 2 u_t / h (c_b = -2/h²) and Dirichlet vorticity (c_b = 0).
/// The unknowns (ψ, ω) are interleaved node by node (y fastest), which makes the exact Jacobian a band matrix
/// of half-bandwidth 2(ny - 2) + 1, factorised directly by <see cref="BandedLu"/>; a backtracking line search on
/// ||F||₂ globalises the iteration. Converges quadratically: a handful of iterations from ψ = ω = 0 at moderate
/// Reynolds numbers (use continuation in ν for large ones).
/// </summary>
public sealed class StreamVorticityNewton
{
    private readonly int _nx;
    private readonly int _ny;
    private readonly double _hx;
    private readonly double _hy;
    private readonly double[] _wallCoefficient;
    private readonly double[] _wallConstant;

    /// <param name="nx">Nodes along x (including both boundaries), at least 3.</param>
    /// <param name="ny">Nodes along y (including both boundaries), at least 3.</param>
    /// <param name="hx">Grid spacing along x.</param>
    /// <param name="hy">Grid spacing along y.</param>
    /// <param name="wallCoefficient">c_b on boundary nodes (full grid array; interior entries ignored).</param>
    /// <param name="wallConstant">d_b on boundary nodes (full grid array; interior entries ignored).</param>
    public StreamVorticityNewton(int nx, int ny, double hx, double hy, double[] wallCoefficient, double[] wallConstant)
    {
        if (nx < 3 || ny < 3)
        {
            throw new ArgumentException($"stream function-vorticity grid needs at least 3 x 3 nodes, got {nx} x {ny}");
        }
        if (!(hx > 0) || !(hy > 0))
        {
            throw new ArgumentException($"grid spacings must be > 0, got {hx}, {hy}");
        }
        if (wallCoefficient.Length != nx * ny || wallConstant.Length != nx * ny)
        {
            throw new ArgumentException($"wall rule arrays must have {nx * ny} entries, got {wallCoefficient.Length} and {wallConstant.Length}");
        }
        _nx = nx;
        _ny = ny;
        _hx = hx;
        _hy = hy;
        _wallCoefficient = wallCoefficient;
        _wallConstant = wallConstant;
    }

    public int Nx => _nx;

    public int Ny => _ny;

    /// <summary>Number of unknowns, 2 (nx - 2)(ny - 2).</summary>
    public int Unknowns => 2 * (_nx - 2) * (_ny - 2);

    /// <summary>
    /// Runs Newton's method in place: <paramref name="psi"/> (boundary entries are the boundary data) and
    /// <paramref name="omega"/> hold the initial guess on entry and the solution on exit (boundary vorticity filled
    /// by the wall rule; corners by the mean of their two wall neighbours). Stops when max |F| &lt; <paramref name="tolerance"/>.
    /// </summary>
    public NewtonResult Solve(double nu, double[] psi, double[] omega, double tolerance, int maxIterations, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        int nIn = (_nx - 2) * (_ny - 2);
        int band = 2 * (_ny - 2) + 1;
        var jacobian = new BandedLu(2 * nIn, band, band);
        var f = new double[2 * nIn];
        var delta = new double[2 * nIn];
        var psiTrial = new double[psi.Length];
        var omegaTrial = new double[omega.Length];
        var history = new List<double>();

        ApplyWallRule(psi, omega);
        double norm2 = Residual(nu, psi, omega, f, out double normMax);
        history.Add(normMax);
        int iterations = 0;
        int lineSearchCuts = 0;
        while (normMax >= tolerance && iterations < maxIterations)
        {
            cancellation.ThrowIfCancellationRequested();
            jacobian.Clear();
            AssembleJacobian(nu, psi, omega, jacobian);
            jacobian.Factor();
            for (int k = 0; k < f.Length; k++)
            {
                delta[k] = -f[k];
            }
            jacobian.Solve(delta, delta);

            double step = 1;
            double trialNorm2 = double.PositiveInfinity;
            double trialMax = double.PositiveInfinity;
            for (int cut = 0; cut <= 12; cut++)
            {
                Array.Copy(psi, psiTrial, psi.Length);
                Array.Copy(omega, omegaTrial, omega.Length);
                Update(psiTrial, omegaTrial, delta, step);
                ApplyWallRule(psiTrial, omegaTrial);
                trialNorm2 = Residual(nu, psiTrial, omegaTrial, f, out trialMax);
                if (trialNorm2 < norm2 || (trialNorm2 <= norm2 * (1 + 1e-12) && trialMax < tolerance))
                {
                    break;
                }
                step /= 2;
                lineSearchCuts++;
            }
            iterations++;
            if (!(trialNorm2 < norm2) && !(trialMax < tolerance))
            {
                // No decrease even for tiny steps: the residual has reached its rounding floor (or the
                // iteration stalled). Keep the current iterate and report.
                history.Add(trialMax);
                Residual(nu, psi, omega, f, out normMax);
                break;
            }
            Array.Copy(psiTrial, psi, psi.Length);
            Array.Copy(omegaTrial, omega, omega.Length);
            norm2 = trialNorm2;
            normMax = trialMax;
            history.Add(normMax);
        }
        FillCorners(omega);
        return new NewtonResult(iterations, normMax, normMax < tolerance, lineSearchCuts, clock.Elapsed.TotalSeconds, history.ToArray());
    }

    /// <summary>
    /// The discrete steady residuals at interior nodes (full-grid arrays, boundary entries zero), after setting
    /// the boundary vorticity of <paramref name="omega"/> by the wall rule. Returns max |F| over both equations.
    /// </summary>
    public double Residuals(double nu, double[] psi, double[] omega, double[] fPsi, double[] fOmega)
    {
        ApplyWallRule(psi, omega);
        var f = new double[Unknowns];
        Residual(nu, psi, omega, f, out double max);
        Array.Clear(fPsi);
        Array.Clear(fOmega);
        for (int i = 1; i < _nx - 1; i++)
        {
            for (int j = 1; j < _ny - 1; j++)
            {
                int k = (i - 1) * (_ny - 2) + (j - 1);
                fPsi[i * _ny + j] = f[2 * k];
                fOmega[i * _ny + j] = f[2 * k + 1];
            }
        }
        return max;
    }

    /// <summary>Sets ω on boundary nodes (not corners) from the wall rule ω_b = c_b ψ_a + d_b.</summary>
    public void ApplyWallRule(double[] psi, double[] omega)
    {
        int nx = _nx;
        int ny = _ny;
        for (int j = 1; j < ny - 1; j++)
        {
            int b = j;
            omega[b] = _wallCoefficient[b] * psi[ny + j] + _wallConstant[b];
            b = (nx - 1) * ny + j;
            omega[b] = _wallCoefficient[b] * psi[(nx - 2) * ny + j] + _wallConstant[b];
        }
        for (int i = 1; i < nx - 1; i++)
        {
            int b = i * ny;
            omega[b] = _wallCoefficient[b] * psi[b + 1] + _wallConstant[b];
            b = i * ny + ny - 1;
            omega[b] = _wallCoefficient[b] * psi[b - 1] + _wallConstant[b];
        }
    }

    private void FillCorners(double[] omega)
    {
        int ny = _ny;
        int last = (_nx - 1) * ny;
        omega[0] = (omega[1] + omega[ny]) / 2;
        omega[ny - 1] = (omega[ny - 2] + omega[2 * ny - 1]) / 2;
        omega[last] = (omega[last + 1] + omega[last - ny]) / 2;
        omega[last + ny - 1] = (omega[last + ny - 2] + omega[last - 1]) / 2;
    }

    private void Update(double[] psi, double[] omega, double[] delta, double step)
    {
        int ny = _ny;
        for (int i = 1; i < _nx - 1; i++)
        {
            for (int j = 1; j < ny - 1; j++)
            {
                int k = (i - 1) * (ny - 2) + (j - 1);
                psi[i * ny + j] += step * delta[2 * k];
                omega[i * ny + j] += step * delta[2 * k + 1];
            }
        }
    }

    /// <summary>F into <paramref name="f"/> (interleaved); returns ||F||₂ and max |F|. Boundary ω must be current.</summary>
    private double Residual(double nu, double[] psi, double[] omega, double[] f, out double max)
    {
        int ny = _ny;
        double ihx2 = 1 / (_hx * _hx);
        double ihy2 = 1 / (_hy * _hy);
        double i2hx = 1 / (2 * _hx);
        double i2hy = 1 / (2 * _hy);
        double sum = 0;
        max = 0;
        for (int i = 1; i < _nx - 1; i++)
        {
            for (int j = 1; j < ny - 1; j++)
            {
                int p = i * ny + j;
                int e = p + ny, w = p - ny, n = p + 1, s = p - 1;
                double lapPsi = (psi[e] - 2 * psi[p] + psi[w]) * ihx2 + (psi[n] - 2 * psi[p] + psi[s]) * ihy2;
                double lapOmega = (omega[e] - 2 * omega[p] + omega[w]) * ihx2 + (omega[n] - 2 * omega[p] + omega[s]) * ihy2;
                double psiX = (psi[e] - psi[w]) * i2hx;
                double psiY = (psi[n] - psi[s]) * i2hy;
                double omegaX = (omega[e] - omega[w]) * i2hx;
                double omegaY = (omega[n] - omega[s]) * i2hy;
                double fPsi = lapPsi + omega[p];
                double fOmega = nu * lapOmega - (psiY * omegaX - psiX * omegaY);
                int k = (i - 1) * (ny - 2) + (j - 1);
                f[2 * k] = fPsi;
                f[2 * k + 1] = fOmega;
                sum += fPsi * fPsi + fOmega * fOmega;
                max = Math.Max(max, Math.Max(Math.Abs(fPsi), Math.Abs(fOmega)));
            }
        }
        if (!double.IsFinite(sum))
        {
            max = double.PositiveInfinity;
            return double.PositiveInfinity;
        }
        return Math.Sqrt(sum);
    }

    private void AssembleJacobian(double nu, double[] psi, double[] omega, BandedLu jac)
    {
        int nx = _nx;
        int ny = _ny;
        double ihx2 = 1 / (_hx * _hx);
        double ihy2 = 1 / (_hy * _hy);
        double i2hx = 1 / (2 * _hx);
        double i2hy = 1 / (2 * _hy);
        Span<int> nodes = stackalloc int[4];
        Span<int> di = stackalloc int[4];
        Span<int> dj = stackalloc int[4];
        Span<double> cPsiEq = stackalloc double[4];
        Span<double> cOmega = stackalloc double[4];
        Span<double> cPsi = stackalloc double[4];
        for (int i = 1; i < nx - 1; i++)
        {
            for (int j = 1; j < ny - 1; j++)
            {
                int p = i * ny + j;
                int k = (i - 1) * (ny - 2) + (j - 1);
                int rowPsi = 2 * k;
                int rowOmega = 2 * k + 1;
                double psiX = (psi[p + ny] - psi[p - ny]) * i2hx;
                double psiY = (psi[p + 1] - psi[p - 1]) * i2hy;
                double omegaX = (omega[p + ny] - omega[p - ny]) * i2hx;
                double omegaY = (omega[p + 1] - omega[p - 1]) * i2hy;

                // Neighbours E, W, N, S.
                nodes[0] = p + ny; di[0] = 1; dj[0] = 0;
                nodes[1] = p - ny; di[1] = -1; dj[1] = 0;
                nodes[2] = p + 1; di[2] = 0; dj[2] = 1;
                nodes[3] = p - 1; di[3] = 0; dj[3] = -1;
                // dF_psi/dpsi_Q, dF_omega/domega_Q, dF_omega/dpsi_Q.
                cPsiEq[0] = ihx2; cPsiEq[1] = ihx2; cPsiEq[2] = ihy2; cPsiEq[3] = ihy2;
                cOmega[0] = nu * ihx2 - psiY * i2hx;
                cOmega[1] = nu * ihx2 + psiY * i2hx;
                cOmega[2] = nu * ihy2 + psiX * i2hy;
                cOmega[3] = nu * ihy2 - psiX * i2hy;
                cPsi[0] = omegaY * i2hx;
                cPsi[1] = -omegaY * i2hx;
                cPsi[2] = -omegaX * i2hy;
                cPsi[3] = omegaX * i2hy;

                double diagPsiFromWalls = 0;
                for (int q = 0; q < 4; q++)
                {
                    int qi = i + di[q];
                    int qj = j + dj[q];
                    bool interior = qi > 0 && qi < nx - 1 && qj > 0 && qj < ny - 1;
                    if (interior)
                    {
                        int kq = (qi - 1) * (ny - 2) + (qj - 1);
                        jac.Add(rowPsi, 2 * kq, cPsiEq[q]);
                        jac.Add(rowOmega, 2 * kq, cPsi[q]);
                        jac.Add(rowOmega, 2 * kq + 1, cOmega[q]);
                    }
                    else
                    {
                        // Boundary neighbour: psi fixed; omega_b = c_b psi_P + d_b.
                        diagPsiFromWalls += cOmega[q] * _wallCoefficient[nodes[q]];
                    }
                }
                jac.Add(rowPsi, rowPsi, -2 * (ihx2 + ihy2));
                jac.Add(rowPsi, rowOmega, 1);
                jac.Add(rowOmega, rowOmega, -2 * nu * (ihx2 + ihy2));
                if (diagPsiFromWalls != 0)
                {
                    jac.Add(rowOmega, rowPsi, diagPsiFromWalls);
                }
            }
        }
    }
}

/// <summary>Outcome of a Newton solve: iterations, final max-norm residual, convergence flag, line-search
/// step cuts, wall time and the residual history (max |F| after each iteration, starting with the initial guess).</summary>
public sealed record NewtonResult(int Iterations, double Residual, bool Converged, int StepCuts, double Seconds, double[] History);
