using NeuralPDE.Numerics.Linear;

namespace NeuralPDE.Numerics.PorousMedium;

/// <summary>
/// Cell-centred finite volumes for u_t = div(k(u) grad u) on a square box [a, b]² with N×N cells (storage
/// u[i·N + j] = u(x_i, y_j)) and zero-flux walls. Cell balance of one implicit step (backward Euler or BDF2):
/// R_p = h² (a₀ u_p + history_p) + Δt h Σ_faces F_out = 0, each face flux computed once and added to one cell and
/// subtracted from the other, so Σ_p R_p = h² (a₀ M^{n+1} + ...) exactly: the scheme conserves mass, and it does so
/// at every Newton iterate up to the linear solver's residual. Newton's Jacobian is assembled analytically into a
/// fixed 5-point CSR pattern and solved by the given <see cref="ILinearSolver"/> (default GMRES with ILU(0)).
/// </summary>
public sealed class Gpme2DFiniteVolume : INonlinearSystem
{
    private readonly FaceFlux _flux;
    private readonly ILinearSolver _linear;
    private readonly double[] _history;
    private readonly int[] _rowPointers;
    private readonly int[] _columns;
    private readonly double[] _values;
    private readonly int[] _diagonalSlot;
    private double[] _previous;
    private double _a0;
    private int _stepsTaken;

    public Gpme2DFiniteVolume(double min, double max, int cells, FaceFlux flux, double[] initial, double dt, GpmeTimeScheme scheme,
        NewtonSettings newton, ILinearSolver linear, double t0)
    {
        if (cells < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(cells), $"need at least 2 cells per direction, got {cells}");
        }
        if (initial.Length != cells * cells)
        {
            throw new ArgumentException($"initial data has {initial.Length} values for {cells}x{cells} cells", nameof(initial));
        }
        N = cells;
        Min = min;
        H = (max - min) / cells;
        _flux = flux;
        _linear = linear;
        Dt = dt;
        Scheme = scheme;
        Newton = newton;
        Time = t0;
        U = (double[])initial.Clone();
        _previous = (double[])initial.Clone();
        _history = new double[cells * cells];
        (_rowPointers, _columns, _diagonalSlot) = Pattern(cells);
        _values = new double[_columns.Length];
        Ledger = new MassLedger(Mass());
    }

    public int N { get; }

    public int Size => N * N;

    public double Min { get; }

    public double H { get; }

    public double Dt { get; }

    public GpmeTimeScheme Scheme { get; }

    public NewtonSettings Newton { get; }

    public double Time { get; private set; }

    public double[] U { get; private set; }

    public MassLedger Ledger { get; }

    public NewtonStatistics Statistics { get; } = new();

    public double CellCentre(int i) => Min + (i + 0.5) * H;

    /// <summary>Discrete mass h² Σ u.</summary>
    public double Mass()
    {
        double s = 0;
        foreach (double v in U)
        {
            s += v;
        }
        return s * H * H;
    }

    public void Step()
    {
        GpmeTimeScheme used = Scheme == GpmeTimeScheme.Bdf2 && _stepsTaken > 0 ? GpmeTimeScheme.Bdf2 : GpmeTimeScheme.BackwardEuler;
        double uScale = 0;
        int n = Size;
        for (int p = 0; p < n; p++)
        {
            _history[p] = used == GpmeTimeScheme.Bdf2 ? -2 * U[p] + 0.5 * _previous[p] : -U[p];
            uScale = Math.Max(uScale, Math.Abs(U[p]));
        }
        _a0 = used == GpmeTimeScheme.Bdf2 ? 1.5 : 1.0;
        var next = (double[])U.Clone();
        double tNew = Time + Dt;
        NewtonSolver.Solve(this, next, H * H * Math.Max(uScale, 1e-300), Newton, Statistics, $"gpme-2d step to t = {tNew:G6}");
        _previous = U;
        U = next;
        Time = tNew;
        _stepsTaken++;
        Ledger.Record(0, used, Mass());
    }

    public void Residual(ReadOnlySpan<double> u, Span<double> r)
    {
        int n = N;
        double h2 = H * H;
        for (int p = 0; p < Size; p++)
        {
            r[p] = h2 * (_a0 * u[p] + _history[p]);
        }
        double w = Dt * H;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                int p = i * n + j;
                if (i + 1 < n)
                {
                    double f = w * _flux.Evaluate(u[p], u[p + n], H, false).Flux;
                    r[p] += f;
                    r[p + n] -= f;
                }
                if (j + 1 < n)
                {
                    double f = w * _flux.Evaluate(u[p], u[p + 1], H, false).Flux;
                    r[p] += f;
                    r[p + 1] -= f;
                }
            }
        }
    }

    public int SolveLinearised(ReadOnlySpan<double> u, ReadOnlySpan<double> rhs, Span<double> delta, bool picard)
    {
        int n = N;
        Array.Clear(_values);
        double h2a0 = H * H * _a0;
        for (int p = 0; p < Size; p++)
        {
            _values[_diagonalSlot[p]] = h2a0;
        }
        double w = Dt * H;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                int p = i * n + j;
                if (i + 1 < n)
                {
                    AddFace(p, p + n, _flux.Evaluate(u[p], u[p + n], H, picard), w);
                }
                if (j + 1 < n)
                {
                    AddFace(p, p + 1, _flux.Evaluate(u[p], u[p + 1], H, picard), w);
                }
            }
        }
        var a = new CsrMatrix(Size, _rowPointers, _columns, _values);
        LinearSolveResult result = _linear.Solve(a, rhs, delta);
        if (!double.IsFinite(result.RelativeResidual))
        {
            throw new InvalidOperationException($"gpme-2d: linear solver {_linear.Name} diverged (residual {result.RelativeResidual})");
        }
        return result.Iterations;
    }

    private void AddFace(int p, int q, FaceFluxValue f, double w)
    {
        // R_p += w F(u_p, u_q), R_q -= w F(u_p, u_q)
        _values[_diagonalSlot[p]] += w * f.DLeft;
        _values[Slot(p, q)] += w * f.DRight;
        _values[Slot(q, p)] -= w * f.DLeft;
        _values[_diagonalSlot[q]] -= w * f.DRight;
    }

    private int Slot(int row, int col)
    {
        return Array.BinarySearch(_columns, _rowPointers[row], _rowPointers[row + 1] - _rowPointers[row], col);
    }

    private static (int[] RowPointers, int[] Columns, int[] Diagonal) Pattern(int n)
    {
        int size = n * n;
        var rp = new int[size + 1];
        var cols = new List<int>(5 * size);
        var diag = new int[size];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                int p = i * n + j;
                rp[p] = cols.Count;
                if (i > 0)
                {
                    cols.Add(p - n);
                }
                if (j > 0)
                {
                    cols.Add(p - 1);
                }
                diag[p] = cols.Count;
                cols.Add(p);
                if (j + 1 < n)
                {
                    cols.Add(p + 1);
                }
                if (i + 1 < n)
                {
                    cols.Add(p + n);
                }
            }
        }
        rp[size] = cols.Count;
        return (rp, cols.ToArray(), diag);
    }
}
