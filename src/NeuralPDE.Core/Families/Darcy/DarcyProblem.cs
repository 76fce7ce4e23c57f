using NeuralPDE.Core.Geometry;
using NeuralPDE.Core.Random;
using NeuralPDE.Core.Specs;

namespace NeuralPDE.Core.Families.Darcy;

/// <summary>
/// Steady Darcy flow −∇·(a∇u) = f on (0, 1)², u = 0 on the boundary, as in the FNO benchmark (Li et al. 2021):
/// a = ψ(w) with w ~ N(0, (−Δ + τ² I)^{−α}) (zero Neumann BCs; α = 2, τ = 3) sampled by
/// <see cref="CosineGaussianRandomField"/>, and the threshold map ψ(w) = a₊ for w ≥ threshold, a₋ otherwise
/// (12 and 3 in the paper). The coefficient is sampled at the grid nodes from the seed, so a seed fixes the
/// continuous field and every resolution sees the same one. Spec <c>problems/darcy-2d.json</c>.
/// </summary>
public sealed record DarcyProblem(double F, double APositive, double ANegative, double Threshold, double Alpha, double Tau, int Modes)
{
    public static DarcyProblem FromSpec(ProblemSpec spec)
        => new(
            spec.Number("parameters.f", min: -1e6, max: 1e6),
            spec.Number("parameters.aPositive", min: 0, exclusiveMin: true),
            spec.Number("parameters.aNegative", min: 0, exclusiveMin: true),
            spec.Number("parameters.threshold"),
            spec.Number("parameters.alpha", min: 0, exclusiveMin: true),
            spec.Number("parameters.tau", min: 0, exclusiveMin: true),
            spec.Integer("parameters.modes", min: 2, max: 1024));

    public IDomain2D Domain => BoxDomain.UnitSquare;

    /// <summary>The underlying Gaussian field for a seed (stream 0 of <see cref="Xoshiro256StarStar.ForStream"/>).</summary>
    public CosineGaussianRandomField Field(long seed)
        => CosineGaussianRandomField.Sample(Alpha, Tau, Modes, Xoshiro256StarStar.ForStream(seed, 0));

    /// <summary>The thresholded coefficient at the nodes of <paramref name="grid"/> (row-major [x, y]).</summary>
    public double[] Coefficient(NodeGrid2D grid, long seed)
    {
        double[] w = Field(seed).Evaluate(grid.XValues(), grid.YValues());
        var a = new double[w.Length];
        for (int k = 0; k < w.Length; k++)
        {
            a[k] = w[k] >= Threshold ? APositive : ANegative;
        }
        return a;
    }
}
