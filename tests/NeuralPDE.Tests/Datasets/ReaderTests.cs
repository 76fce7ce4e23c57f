using NeuralPDE.Data.Generation.Recipes;
using NeuralPDE.Core.Families.Poisson;
using NeuralPDE.Core.Geometry;
using NeuralPDE.Core.Specs;
using NeuralPDE.Data.Reading;
using NeuralPDE.Numerics.Linear;
using NeuralPDE.Numerics.Poisson;
using NeuralPDE.Numerics.Solvers;
using NeuralPDE.Tests.Support;

namespace NeuralPDE.Tests.Datasets;

/// <summary>The reader on PDEBench files written by h5py (random access, strides, float64, split), and the star-domain
/// full-grid embedding against the reference Shortley–Weller solver.</summary>
public class ReaderTests
{
    [Fact]
    public void ReadsAPdeBenchFileWrittenByH5py()
    {
        if (!ExternalTools.PythonHas("h5py", "numpy"))
        {
            Assert.Fail("python3-h5py is required for this test (the CI script installs it)");
        }
        using var folder = new TempFolder("npde-ds");
        string dir = folder.Path;
        string burgers = Path.Combine(dir, "1D_Burgers_Sols_Nu0.1.hdf5"), darcy = Path.Combine(dir, "2D_DarcyFlow_beta1.0_Train.hdf5");
        string script = $$"""
            import h5py, numpy as np
            N, T, X = 10, 6, 16
            u = np.arange(N * T * X, dtype=np.float32).reshape(N, T, X)
            with h5py.File('{{burgers}}', 'w') as f:
                f.create_dataset('tensor', data=u)
                f.create_dataset('x-coordinate', data=np.linspace(0, 1, X, endpoint=False, dtype=np.float32))
                f.create_dataset('t-coordinate', data=np.linspace(0, 2, T + 1, dtype=np.float32)[:T])
                f.attrs['Nu'] = 0.1
            with h5py.File('{{darcy}}', 'w') as f:
                f.create_dataset('tensor', data=np.arange(4 * 8 * 8, dtype=np.float32).reshape(4, 1, 8, 8))
                f.create_dataset('nu', data=np.arange(4 * 8 * 8, dtype=np.float64).reshape(4, 8, 8) * 0.5)
                f.create_dataset('x-coordinate', data=np.linspace(0, 1, 8))
                f.create_dataset('y-coordinate', data=np.linspace(0, 1, 8))
            """;
        var (code, _, stderr) = ExternalTools.Run(ExternalTools.Python, "-", script);
        Assert.True(code == 0, stderr);

        using (var reader = new DatasetReader(burgers))
        {
            Assert.False(reader.IsNeuralPde);
            Assert.Equal(10, reader.Count);
            Assert.Equal(["tensor"], reader.Arrays);
            Assert.Equal(0.1, reader.NumberAttribute("Nu")!.Value, 12);
            float[] s3 = reader.Read(3, "tensor", out int[] shape);
            Assert.Equal([6, 16], shape);
            Assert.Equal(Enumerable.Range(3 * 96, 96).Select(v => (float)v), s3);
            float[] strided = reader.Read(7, "tensor", out shape, stride: 4, timeStride: 2);
            Assert.Equal([3, 4], shape);
            Assert.Equal(7 * 96 + 2 * 16 + 3 * 4 /* t = 2 (index 1), x = 12 (index 3) */ + 0f, strided[1 * 4 + 3]);
            Assert.Equal(4, reader.Coordinate("x", 4).Length);
            var (train, test) = reader.Split(0.9);
            Assert.Equal(Enumerable.Range(0, 9), train);
            Assert.Equal([9], test);
            var (shuffledTrain, shuffledTest) = reader.Split(0.5, shuffleSeed: 3);
            Assert.Equal(Enumerable.Range(0, 10), shuffledTrain.Concat(shuffledTest).Order());
        }
        using (var reader = new DatasetReader(darcy))
        {
            Assert.Equal(["tensor", "nu"], reader.Arrays);
            float[] nu = reader.Read(2, "nu", out int[] shape, stride: 2);
            Assert.Equal([4, 4], shape);
            Assert.Equal((2 * 64 + 2 * 8 + 2) * 0.5f, nu[1 * 4 + 1]);
            Assert.Equal([1, 8, 8], reader.Read(1, "tensor", out shape) is { Length: 64 } ? shape : []);
        }
    }

    [Fact]
    public void StarEmbeddingReproducesTheReferenceSolver()
    {
        ProblemSpec spec = ProblemCatalog.Problems().Load("poisson-star", ["reference.resolution=33"]);
        var reference = new StarPoissonSolver().Solve(spec, new SolveOptions());
        var problem = StarPoissonProblem.FromSpec(spec);
        var grid = new NodeGrid2D(-problem.HalfWidth, problem.HalfWidth, 33, -problem.HalfWidth, problem.HalfWidth, 33);
        PoissonSystem system = PoissonAssembler.Assemble(problem.Domain(), grid, null, problem.Source, problem.Boundary);
        var embedded = StarPoissonRecipeGenerator.Embed(system);
        Assert.Equal(grid.Count, embedded.Matrix.Size);
        var x = new double[grid.Count];
        var result = new Gmres(40, 1e-12, 20_000, Ilu0Preconditioner.Factory).Solve(embedded.Matrix, embedded.RightHandSide, x);
        Assert.True(result.Converged);
        double[] u = reference.Fields["u"].Values;
        double[] mask = system.Mask();
        double scale = u.Max(Math.Abs);
        for (int node = 0; node < u.Length; node++)
        {
            Assert.True(Math.Abs((mask[node] == 0 ? 0 : x[node]) - u[node]) <= 1e-8 * scale, $"node {node}: {x[node]} vs {u[node]}");
        }
    }
}
