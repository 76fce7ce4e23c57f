using NeuralPDE.Numerics.Linear;

namespace NeuralPDE.Tests.Krylov;

/// <summary>Small test matrices: variable-coefficient diffusion (SPD) with optional convection (nonsymmetric).</summary>
internal static class KrylovTestSystems
{
    /// <summary>−∇·(a∇u) + c ∂u/∂x on an n × n interior grid, a(x, y) = 1 + s·sin(πx + φ)·cos(πy) (5-point, harmonic faces).</summary>
    public static CsrMatrix Diffusion(int n, double s = 0.5, double phase = 0, double convection = 0)
    {
        var b = new CsrBuilder(n * n, 5 * n * n);
        double h = 1.0 / (n + 1);
        double A(int i, int j) => 1 + s * Math.Sin(Math.PI * (i + 1) * h + phase) * Math.Cos(Math.PI * (j + 1) * h);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                int k = i * n + j;
                double diag = 0;
                void Arm(int ii, int jj, double conv)
                {
                    double face = 2 * A(i, j) * A(ii, jj) / (A(i, j) + A(ii, jj)) / (h * h);
                    diag += face;
                    if (ii >= 0 && ii < n && jj >= 0 && jj < n)
                    {
                        b.Add(k, ii * n + jj, -face + conv);
                    }
                }
                Arm(i - 1, j, -convection / (2 * h));
                Arm(i + 1, j, convection / (2 * h));
                Arm(i, j - 1, 0);
                Arm(i, j + 1, 0);
                b.Add(k, k, diag);
            }
        }
        return b.Build();
    }

    public static double[] RandomVector(int n, int seed)
    {
        var rng = new Random(seed);
        var v = new double[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = rng.NextDouble() - 0.5;
        }
        return v;
    }

    public static double[] Ones(int n) => Enumerable.Repeat(1.0, n).ToArray();
}
