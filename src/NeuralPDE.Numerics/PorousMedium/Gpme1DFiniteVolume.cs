using NeuralPDE.Core.Families.PorousMedium;
using NeuralPDE.Numerics.Linear;

namespace NeuralPDE.Numerics.PorousMedium;

/// <summary>
/// Cell-centred finite volumes for u_t = (k(u) u_x)_x on [a, b] with N cells (centres x_i = a + (i + ½)h) and
/// time-dependent Dirichlet data g_L(t), g_R(t) imposed through half-cell boundary fluxes. Cell balance of one
/// implicit step (backward Euler or BDF2), R_i = h (a₀ u_i + history_i) + Δt (F_{i+½} − F_{i−½}) = 0, solved by
/// Newton's method with the analytic tridiagonal Jacobian (Thomas algorithm). The same boundary fluxes feed a
/// <see cref="MassLedger"/>, so the discrete mass balance M^n = M^0 + inflow is checked at every step.
/// </summary>
public sealed class Gpme1DFiniteVolume : INonlinearSystem
{
    private readonly FaceFlux _flux;
    private readonly Func<double, double> _left;
    private readonly Func<double, double> _right;
    private readonly double[] _history;
    private readonly double[] _lower;
    private readonly double[] _diag;
    private readonly double[] _upper;
    private double[] _previous;
    private double _a0;
    private double _gL;
    private double _gR;
    private int _stepsTaken;

    public Gpme1DFiniteVolume(double xMin, double xMax, int cells, FaceFlux flux, Func<double, double> left, Func<double, double> right,
        double[] initial, double dt, GpmeTimeScheme scheme, NewtonSettings newton, double t0 = 0)
    {
        if (cells < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(cells), $"need at least 2 cells, got {cells}");
        }
        if (initial.Length != cells)
        {
            throw new ArgumentException($"initial data has {initial.Length} values for {cells} cells", nameof(initial));
        }
        N = cells;
        XMin = xMin;
        H = (xMax - xMin) / cells;
        _flux = flux;
        _left = left;
        _right = right;
        Dt = dt;
        Scheme = scheme;
        Newton = newton;
        Time = t0;
        U = (double[])initial.Clone();
        _previous = (double[])initial.Clone();
        _history = new double[cells];
        _lower = new double[cells];
        _diag = new double[cells];
        _upper = new double[cells];
        Ledger = new MassLedger(Mass());
    }

    public int N { get; }

    public int Size => N;

    public double XMin { get; }

    public double H { get; }

    public double Dt { get; }

    public GpmeTimeScheme Scheme { get; }

    public NewtonSettings Newton { get; }

    public double Time { get; private set; }

    /// <summary>Cell values at <see cref="Time"/>.</summary>
    public double[] U { get; private set; }

    public MassLedger Ledger { get; }

    public NewtonStatistics Statistics { get; } = new();

    public double CellCentre(int i) => XMin + (i + 0.5) * H;

    /// <summary>Discrete mass h Σ u_i.</summary>
    public double Mass()
    {
        double s = 0;
        foreach (double v in U)
        {
            s += v;
        }
        return s * H;
    }

    /// <summary>Advances one step of size <see cref="Dt"/>.</summary>
    public void Step()
    {
        GpmeTimeScheme used = Scheme == GpmeTimeScheme.Bdf2 && _stepsTaken > 0 ? GpmeTimeScheme.Bdf2 : GpmeTimeScheme.BackwardEuler;
        double tNew = Time + Dt;
        _gL = _left(tNew);
        _gR = _right(tNew);
        double uScale = Math.Max(Math.Abs(_gL), Math.Abs(_gR));
        for (int i = 0; i < N; i++)
        {
            if (used == GpmeTimeScheme.Bdf2)
            {
                _history[i] = -2 * U[i] + 0.5 * _previous[i];
            }
            else
            {
                _history[i] = -U[i];
            }
            uScale = Math.Max(uScale, Math.Abs(U[i]));
        }
        _a0 = used == GpmeTimeScheme.Bdf2 ? 1.5 : 1.0;
        var next = (double[])U.Clone();
        if (used == GpmeTimeScheme.Bdf2)
        {
            // linear extrapolation as the initial guess
            for (int i = 0; i < N; i++)
            {
                next[i] = 2 * U[i] - _previous[i];
            }
        }
        NewtonSolver.Solve(this, next, H * Math.Max(uScale, 1e-300), Newton, Statistics, $"gpme-1d step to t = {tNew:G6}");
        _previous = U;
        U = next;
        Time = tNew;
        _stepsTaken++;
        double inflow = _flux.Evaluate(_gL, U[0], 0.5 * H, false).Flux - _flux.Evaluate(U[N - 1], _gR, 0.5 * H, false).Flux;
        Ledger.Record(Dt * inflow, used, Mass());
    }

    public void Residual(ReadOnlySpan<double> u, Span<double> r)
    {
        for (int i = 0; i < N; i++)
        {
            r[i] = H * (_a0 * u[i] + _history[i]);
        }
        double left = _flux.Evaluate(_gL, u[0], 0.5 * H, false).Flux;
        r[0] -= Dt * left;
        for (int i = 0; i < N - 1; i++)
        {
            double f = Dt * _flux.Evaluate(u[i], u[i + 1], H, false).Flux;
            r[i] += f;
            r[i + 1] -= f;
        }
        r[N - 1] += Dt * _flux.Evaluate(u[N - 1], _gR, 0.5 * H, false).Flux;
    }

    public int SolveLinearised(ReadOnlySpan<double> u, ReadOnlySpan<double> rhs, Span<double> delta, bool picard)
    {
        for (int i = 0; i < N; i++)
        {
            _diag[i] = H * _a0;
            _lower[i] = 0;
            _upper[i] = 0;
        }
        FaceFluxValue left = _flux.Evaluate(_gL, u[0], 0.5 * H, picard);
        _diag[0] -= Dt * left.DRight;
        for (int i = 0; i < N - 1; i++)
        {
            FaceFluxValue f = _flux.Evaluate(u[i], u[i + 1], H, picard);
            _diag[i] += Dt * f.DLeft;
            _upper[i] += Dt * f.DRight;
            _lower[i + 1] -= Dt * f.DLeft;
            _diag[i + 1] -= Dt * f.DRight;
        }
        FaceFluxValue right = _flux.Evaluate(u[N - 1], _gR, 0.5 * H, picard);
        _diag[N - 1] += Dt * right.DLeft;
        TridiagonalSolver.Solve(_lower, _diag, _upper, rhs, delta);
        return 0;
    }
}
