using NeuralPDE.Core.Specs;
using NeuralPDE.Data.Generation;
using NeuralPDE.Data.Generation.Recipes;
using NeuralPDE.Numerics.Linear;
using NeuralPDE.Tests.Support;
using Xunit.Abstractions;

namespace NeuralPDE.Tests.Datasets;

/// <summary>The <c>poisson-2d</c> recipe: one matrix per block, random sources. Checked against SciPy's sparse direct
/// solver on the same 5-point system, and every solver choice against the others.</summary>
public class PoissonSquareRecipeTests(ITestOutputHelper output)
{
    [Fact]
    public void SolutionsMatchScipysSparseDirectSolveOfTheFivePointSystem()
    {
        if (!ExternalTools.PythonHas("h5py", "numpy", "scipy"))
        {
            Assert.Fail("python3-h5py and python3-scipy are required for this test (the CI script installs them)");
        }
        using var folder = new TempFolder("npde-ds");
        string dir = folder.Path;
        string path = Path.Combine(dir, "p.h5");
        DatasetTestSupport.Generate("poisson-2d", path, 5, solver: "recycled", extra: ["spec.reference.resolution=33"]);
        // -Δ_h u = f at the interior nodes, u = 0 on the boundary, h = 1/(n − 1); arrays are [x, y].
        string script = $$"""
            import h5py, numpy as np, scipy.sparse as sp, scipy.sparse.linalg as sla
            f = h5py.File('{{path.Replace("\\", "\\\\", StringComparison.Ordinal)}}', 'r')
            u, src = f['tensor'][:, 0].astype(np.float64), f['source'][...].astype(np.float64)
            n = u.shape[1]; m = n - 2; h = 1.0 / (n - 1)
            t = sp.diags([-np.ones(m - 1), 2 * np.ones(m), -np.ones(m - 1)], [-1, 0, 1])
            lap = (sp.kron(t, sp.identity(m)) + sp.kron(sp.identity(m), t)).tocsc() / h**2
            worst = 0.0
            for s in range(u.shape[0]):
                ref = sla.spsolve(lap, src[s, 1:-1, 1:-1].ravel()).reshape(m, m)
                worst = max(worst, np.abs(u[s, 1:-1, 1:-1] - ref).max() / np.abs(ref).max())
                assert np.all(u[s, 0, :] == 0) and np.all(u[s, -1, :] == 0) and np.all(u[s, :, 0] == 0) and np.all(u[s, :, -1] == 0)
            print('worst', worst)
            assert worst < 1e-6, worst
            print('ok')
            """;
        var (code, stdout, stderr) = ExternalTools.Run(ExternalTools.Python, "-", script);
        output.WriteLine(stdout + stderr);
        Assert.True(code == 0 && stdout.Contains("ok", StringComparison.Ordinal), stderr + stdout);
    }

    [Fact]
    public void EverySolverGivesTheSameDataset()
    {
        using var folder = new TempFolder("npde-ds");
        string dir = folder.Path;
        var files = new Dictionary<string, Dictionary<string, float[]>>();
        foreach (string solver in new[] { "direct", "recycled", "gmres", "cg" })
        {
            string path = Path.Combine(dir, solver + ".h5");
            DatasetTestSupport.Generate("poisson-2d", path, 7, solver: solver);
            files[solver] = DatasetTestSupport.Contents(path);
        }
        float[] reference = files["direct"]["tensor"];
        double scale = reference.Max(v => Math.Abs(v));
        Assert.True(scale > 0);
        foreach (var (solver, contents) in files)
        {
            Assert.Equal(files["direct"]["source"], contents["source"]);
            double diff = reference.Zip(contents["tensor"], (a, b) => Math.Abs(a - b)).Max();
            output.WriteLine($"{solver}: max |u - u_direct| = {diff:E2} (max |u| = {scale:E2})");
            Assert.True(diff <= 1e-6 * scale, $"{solver} differs from direct by {diff}");
        }
    }

    [Fact]
    public void TheRecipeDefaultsToTheDirectSolverAndValidatesItsRandomSection()
    {
        DatasetRecipe recipe = DatasetRecipes.Load("poisson-2d", []);
        Assert.Equal("direct", recipe.Solver);
        ProblemSpec spec = RecipeGenerators.Spec(recipe);
        ISampleGenerator generator = RecipeGenerators.Create(recipe, spec, new GeneratorOptions());
        Assert.Contains("direct: banded LU", generator.Solver);

        DatasetRecipe bad = DatasetRecipes.Load("poisson-2d", ["random.scale=0"]);
        var e = Assert.Throws<SpecException>(() => RecipeGenerators.Create(bad, RecipeGenerators.Spec(bad), new GeneratorOptions()));
        output.WriteLine(e.Message);
        Assert.Contains("random.scale", e.Message);
    }

    [Fact]
    public void DirectIsRefusedUpFrontWhenItsFactorWouldNotFitInMemory()
    {
        // 1023² unknowns: a half-bandwidth of 1,023 and 17 GB of band; 65² unknowns: 2.2 MB.
        Assert.Equal(1023L * 1023 * (2 * 1023 + 1) * 8, LinearSequenceSolvers.DirectBytes(1023 * 1023));
        var e = Assert.Throws<SpecException>(() => LinearSequenceSolvers.CheckDirectFits("poisson-2d", 1023 * 1023, 16_000_000_000));
        output.WriteLine(e.Message);
        Assert.Contains("--solver", e.Message);
        Assert.Contains("direct would need 17.1 GB", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        LinearSequenceSolvers.CheckDirectFits("poisson-2d", 63 * 63, 16_000_000_000);
        // Through the recipe: the machine's own memory decides.
        DatasetRecipe huge = DatasetRecipes.Load("poisson-2d", ["spec.reference.resolution=4097"]);
        Assert.Throws<SpecException>(() => RecipeGenerators.Create(huge, RecipeGenerators.Spec(huge), new GeneratorOptions()));
    }

    [Fact]
    public void AReusedFactoryBuildsOnePreconditionerPerMatrixObject()
    {
        CsrMatrix a = Laplacian(6), b = Laplacian(6);
        var factory = new ReusedPreconditionerFactory(Ilu0Preconditioner.Factory);
        IPreconditioner first = factory.Create(a);
        Assert.Same(first, factory.Create(a));
        Assert.Equal(1, factory.Built);
        IPreconditioner other = factory.Create(b);   // equal values, another object: built again
        Assert.NotSame(first, other);
        Assert.Equal(2, factory.Built);
        Assert.NotSame(other, factory.Create(a));
        Assert.Equal(3, factory.Built);
        // GMRES through the reused factory solves a sequence with one matrix as well as a fresh factory does.
        var gmres = new Gmres(20, 1e-10, 1000, new ReusedPreconditionerFactory(Ilu0Preconditioner.Factory));
        var plain = new Gmres(20, 1e-10, 1000, Ilu0Preconditioner.Factory);
        for (int s = 0; s < 3; s++)
        {
            double[] rhs = Enumerable.Range(0, a.Size).Select(i => Math.Sin(i * (s + 1.3))).ToArray();
            var x = new double[a.Size];
            var y = new double[a.Size];
            Assert.True(gmres.Solve(a, rhs, x).Converged);
            plain.Solve(a, rhs, y);
            Assert.Equal(y, x);
        }
    }

    private static CsrMatrix Laplacian(int m)
    {
        var builder = new CsrBuilder(m * m);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < m; j++)
            {
                int p = i * m + j;
                builder.Add(p, p, 4);
                if (i > 0) { builder.Add(p, p - m, -1); }
                if (i < m - 1) { builder.Add(p, p + m, -1); }
                if (j > 0) { builder.Add(p, p - 1, -1); }
                if (j < m - 1) { builder.Add(p, p + 1, -1); }
            }
        }
        return builder.Build();
    }
}
