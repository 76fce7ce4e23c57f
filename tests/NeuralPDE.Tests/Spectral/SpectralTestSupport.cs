using NeuralPDE.Core.Specs;
using static TorchSharp.torch;

namespace NeuralPDE.Tests.Spectral;

/// <summary>Small helpers shared by the spectral tests.</summary>
internal static class SpectralTestSupport
{
    public static ProblemSpec Load(string name, params string[] overrides) => ProblemCatalog.Problems().Load(name, overrides);

    /// <summary>Samples of f on the periodic n-point grid x_i = i/n.</summary>
    public static Tensor Grid1D(int n, Func<double, double> f)
        => tensor(Enumerable.Range(0, n).Select(i => f((double)i / n)).ToArray(), dtype: ScalarType.Float64);

    /// <summary>Samples of f on the periodic n x n grid, x first.</summary>
    public static Tensor Grid2D(int n, Func<double, double, double> f)
    {
        var v = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                v[i * n + j] = f((double)i / n, (double)j / n);
            }
        }
        return tensor(v, dtype: ScalarType.Float64).reshape(n, n);
    }

    public static double MaxAbs(Tensor t) => t.abs().max().item<double>();

    public static double RelativeL2(Tensor approx, Tensor exact)
        => ((approx - exact).norm().item<double>()) / exact.norm().item<double>();
}
