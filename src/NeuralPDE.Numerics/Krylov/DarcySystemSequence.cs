using NeuralPDE.Core.Families.Darcy;
using NeuralPDE.Core.Geometry;
using NeuralPDE.Numerics.Poisson;

namespace NeuralPDE.Numerics.Krylov;

/// <summary>
/// The Darcy dataset systems −∇·(a∇u) = f, u = 0 on the unit square, with thresholded Gaussian coefficients from
/// seeds firstSeed, firstSeed + 1, …: 5-point harmonic-mean scheme (<see cref="PoissonAssembler"/>) on
/// (interior + 2)² nodes, so interior² unknowns (80 → 6400, the SKR Darcy size). The parameter vector of a system is
/// its nodal coefficient field (what SKR sorts on); matrices are assembled lazily.
/// </summary>
public static class DarcySystemSequence
{
    public static IReadOnlyList<LinearSystemItem> Create(DarcyProblem problem, int interior, int count, long firstSeed = 0)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (interior < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(interior), $"expected at least 2 interior points per direction, got {interior}");
        }
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"expected at least 1 system, got {count}");
        }
        var grid = NodeGrid2D.Square(problem.Domain.Bounds, interior + 2);
        var items = new LinearSystemItem[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, i =>
        {
            double[] coefficient = problem.Coefficient(grid, firstSeed + i);
            double f = problem.F;
            items[i] = new LinearSystemItem(coefficient, () =>
            {
                PoissonSystem system = PoissonAssembler.Assemble(problem.Domain, grid, coefficient, (_, _) => f, (_, _) => 0.0);
                return new LinearSystem(system.Matrix, system.RightHandSide);
            });
        });
        return items;
    }
}
