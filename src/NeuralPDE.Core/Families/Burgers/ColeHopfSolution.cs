namespace NeuralPDE.Core.Families.Burgers;

/// <summary>
/// Exact solution of u_t + u u_x = nu u_xx with u(x, 0) = -sin(pi x) on the real line (2-periodic and odd,
/// hence also the solution of the Dirichlet problem on [-1, 1] with u(+-1, t) = 0), by the Cole–Hopf transform:
/// <code>
///   u(x, t) = - Int sin(pi (x - eta)) f(x - eta) exp(-eta^2 / (4 nu t)) d eta
///             / Int f(x - eta) exp(-eta^2 / (4 nu t)) d eta,       f(y) = exp(-cos(pi y) / (2 pi nu)).
/// </code>
/// <para>
/// Quadrature: with eta = sqrt(4 nu t) s both integrands are exp(E(s)) times a bounded factor, where
/// E(s) = -K cos(pi (x - c s)) - s^2, K = 1/(2 pi nu), c = sqrt(4 nu t). The exponent is shifted by its
/// maximum over the nodes (no overflow for any nu), the integral is truncated where E has dropped by more
/// than 40 below its largest possible value (|s| &lt;= sqrt(2K + 40) + 1) and evaluated with the trapezoidal
/// rule, which converges geometrically for such entire, rapidly decaying integrands: its error is about
/// exp(-pi^2 / (h^2 (pi t + 1))) for step h (the strip bound is independent of nu because K c^2 = 2t/pi).
/// The step is h = min(0.1, pi / sqrt(60 (pi t + 1))). For t past the shock formation time 1/pi the
/// integrand is bimodal and the shock at x = 0 comes from the balance of the two peaks, each of which is
/// integrated to machine precision, so u is accurate to ~1e-15 absolute even inside the shock.
/// </para>
/// </summary>
public sealed class ColeHopfSolution
{
    private readonly double _k;

    public ColeHopfSolution(double nu)
    {
        if (!(nu > 0) || !double.IsFinite(nu))
        {
            throw new ArgumentOutOfRangeException(nameof(nu), nu, "viscosity must be a positive finite number");
        }
        Nu = nu;
        _k = 1.0 / (2.0 * Math.PI * nu);
    }

    /// <summary>The Raissi et al. benchmark viscosity 0.01/pi.</summary>
    public static double BenchmarkNu => 0.01 / Math.PI;

    public double Nu { get; }

    /// <summary>u(x, t); t = 0 gives the initial condition -sin(pi x) exactly.</summary>
    public double Evaluate(double x, double t)
    {
        var rule = new Rule(this, t);
        return rule.Value(x);
    }

    /// <summary>u(x, t) and u_x(x, t) (the latter by differentiating under the integral sign).</summary>
    public (double U, double Ux) EvaluateWithGradient(double x, double t)
    {
        var rule = new Rule(this, t);
        return rule.ValueAndGradient(x);
    }

    /// <summary>u at the points (x[i], t[i]) (e.g. collocation or test points of a trainer).</summary>
    public void Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> t, Span<double> u)
    {
        if (x.Length != t.Length || u.Length != x.Length)
        {
            throw new ArgumentException($"length mismatch: x {x.Length}, t {t.Length}, u {u.Length}");
        }
        Rule? rule = null;
        for (int i = 0; i < x.Length; i++)
        {
            if (rule is null || rule.T != t[i])
            {
                rule = new Rule(this, t[i]);
            }
            u[i] = rule.Value(x[i]);
        }
    }

    /// <summary>u on the tensor grid t x x, row-major [t, x] (shape [t.Length, x.Length]).</summary>
    public double[] EvaluateGrid(ReadOnlySpan<double> t, ReadOnlySpan<double> x)
    {
        var values = new double[t.Length * x.Length];
        for (int j = 0; j < t.Length; j++)
        {
            var rule = new Rule(this, t[j]);
            for (int i = 0; i < x.Length; i++)
            {
                values[j * x.Length + i] = rule.Value(x[i]);
            }
        }
        return values;
    }

    /// <summary>Trapezoidal nodes in s for one time, with cos(pi c s) and sin(pi c s) precomputed so that
    /// cos/sin(pi (x - c s)) follow from the addition theorem.</summary>
    private sealed class Rule
    {
        private readonly double _k;
        private readonly double _nu;
        private readonly double[] _s = [];
        private readonly double[] _s2 = [];
        private readonly double[] _cos = [];
        private readonly double[] _sin = [];
        private readonly double[] _exponent = [];

        public Rule(ColeHopfSolution owner, double t)
        {
            if (!(t >= 0) || !double.IsFinite(t))
            {
                throw new ArgumentOutOfRangeException(nameof(t), t, "time must be a finite number >= 0");
            }
            T = t;
            _k = owner._k;
            _nu = owner.Nu;
            if (t == 0)
            {
                return;
            }
            double c = Math.Sqrt(4.0 * _nu * t);
            double h = Math.Min(0.1, Math.PI / Math.Sqrt(60.0 * (Math.PI * t + 1.0)));
            double range = Math.Sqrt(2.0 * _k + 40.0) + 1.0;
            int half = (int)Math.Ceiling(range / h);
            int n = 2 * half + 1;
            _s = new double[n];
            _s2 = new double[n];
            _cos = new double[n];
            _sin = new double[n];
            _exponent = new double[n];
            for (int j = 0; j < n; j++)
            {
                double s = (j - half) * h;
                _s[j] = c * s;
                _s2[j] = s * s;
                (_sin[j], _cos[j]) = Math.SinCos(Math.PI * c * s);
            }
        }

        public double T { get; }

        public double Value(double x)
        {
            if (T == 0)
            {
                return -Math.Sin(Math.PI * x);
            }
            var (sx, cx) = Math.SinCos(Math.PI * x);
            double max = Exponents(sx, cx);
            double num = 0, den = 0;
            for (int j = 0; j < _exponent.Length; j++)
            {
                double w = Math.Exp(_exponent[j] - max);
                den += w;
                num += w * (sx * _cos[j] - cx * _sin[j]);
            }
            return -num / den;
        }

        public (double U, double Ux) ValueAndGradient(double x)
        {
            if (T == 0)
            {
                var (s0, c0) = Math.SinCos(Math.PI * x);
                return (-s0, -Math.PI * c0);
            }
            var (sx, cx) = Math.SinCos(Math.PI * x);
            double max = Exponents(sx, cx);
            double num = 0, den = 0, numX = 0, denX = 0;
            double scale = -1.0 / (2.0 * _nu * T); // d/dx exp(-eta^2/(4 nu t)) with y = x - eta fixed
            for (int j = 0; j < _exponent.Length; j++)
            {
                double w = Math.Exp(_exponent[j] - max);
                double sine = sx * _cos[j] - cx * _sin[j];
                double dw = w * scale * _s[j];
                den += w;
                num += w * sine;
                denX += dw;
                numX += dw * sine;
            }
            double u = -num / den;
            double ux = -(numX - (num / den) * denX) / den;
            return (u, ux);
        }

        /// <summary>Fills E_j = -K cos(pi (x - eta_j)) - s_j^2 and returns its maximum.</summary>
        private double Exponents(double sx, double cx)
        {
            double max = double.NegativeInfinity;
            for (int j = 0; j < _exponent.Length; j++)
            {
                double cosine = cx * _cos[j] + sx * _sin[j];
                double e = -_k * cosine - _s2[j];
                _exponent[j] = e;
                if (e > max)
                {
                    max = e;
                }
            }
            return max;
        }
    }
}
