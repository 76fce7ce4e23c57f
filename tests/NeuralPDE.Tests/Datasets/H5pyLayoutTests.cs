using NeuralPDE.Tests.Support;

namespace NeuralPDE.Tests.Datasets;

/// <summary>Debian's h5py reads every recipe's output with the documented names, shapes, dtypes and attributes.</summary>
public class H5pyLayoutTests
{
    // name -> expected dataset shapes (N = 4 samples) for the small overrides of DatasetTestSupport.
    public static TheoryData<string, string> Recipes() => new()
    {
        { "burgers-1d-periodic", "{'tensor': (4, 5, 16), 'x-coordinate': (16,), 't-coordinate': (5,)}" },
        { "ns-vorticity-2d", "{'tensor': (4, 3, 8, 8), 'x-coordinate': (8,), 'y-coordinate': (8,), 't-coordinate': (3,)}" },
        { "darcy-2d", "{'tensor': (4, 1, 17, 17), 'nu': (4, 17, 17), 'x-coordinate': (17,), 'y-coordinate': (17,)}" },
        { "poisson-star", "{'tensor': (4, 1, 21, 21), 'mask': (4, 21, 21), 'source': (4, 21, 21), 'boundary': (4, 21, 21), 'x-coordinate': (21,), 'y-coordinate': (21,)}" },
        { "poisson-2d", "{'tensor': (4, 1, 17, 17), 'source': (4, 17, 17), 'x-coordinate': (17,), 'y-coordinate': (17,)}" },
        { "pme-1d", "{'tensor': (4, 5, 24), 'exact': (4, 5, 24), 'x-coordinate': (24,), 't-coordinate': (5,)}" },
    };

    [Theory]
    [MemberData(nameof(Recipes))]
    public void H5pyReadsTheDocumentedLayout(string recipe, string shapes)
    {
        if (!ExternalTools.PythonHas("h5py", "numpy"))
        {
            Assert.Fail("python3-h5py is required for this test (the CI script installs it)");
        }
        using var folder = new TempFolder("npde-ds");
        string dir = folder.Path;
        string path = Path.Combine(dir, recipe + ".h5");
        DatasetTestSupport.Generate(recipe, path, 4);
        string script = $$"""
            import h5py, json, numpy as np
            f = h5py.File({{Quote(path)}}, 'r')
            expected = {{shapes}}
            for name, shape in expected.items():
                assert name in f, name
                assert f[name].shape == shape, (name, f[name].shape, shape)
                assert f[name].dtype == np.float32, (name, f[name].dtype)
                assert np.all(np.isfinite(f[name][...])), name
            assert f['tensor'][...].std() > 0
            assert f['seeds'].shape == (4,) and f['seeds'].dtype == np.int64
            assert list(f['sample-index'][...]) == [0, 1, 2, 3]
            assert len(set(f['seeds'][...])) == 4
            names = f['statistics'].attrs['names'].split(',')
            assert f['statistics'].shape == (4, len(names)) and 'seconds' in names, names
            if 'parameters' in f:
                assert f['parameters'].shape[1] == len(f['parameters'].attrs['names'].split(','))
            a = f.attrs
            for key in ['format', 'recipe', 'recipe-name', 'problem', 'spec', 'seed', 'seed-derivation', 'solver', 'library', 'samples-total', 'shard']:
                assert key in a, key
            assert a['format'] == 'neuralpde-dataset/1'
            assert json.loads(a['recipe'])['name'] == {{Quote(recipe)}}
            assert json.loads(a['spec'])['name']
            assert a['library'].startswith('NeuralPDE ')
            if {{Quote(recipe)}} in ('burgers-1d-periodic', 'ns-vorticity-2d'):
                assert 'Nu' in a
            if {{Quote(recipe)}} == 'darcy-2d':
                assert set(np.unique(f['nu'][...])) <= {3.0, 12.0}
                assert np.allclose(f['tensor'][:, 0, 0, :], 0) and 'iterations' in names
            if {{Quote(recipe)}} == 'poisson-star':
                m = f['mask'][...]
                assert m.min() == 0 and m.max() == 1 and np.all(f['tensor'][:, 0][m == 0] == 0)
            if {{Quote(recipe)}} == 'poisson-2d':
                u = f['tensor'][:, 0]
                assert np.all(u[:, 0, :] == 0) and np.all(u[:, :, -1] == 0) and f['source'][...].std() > 0
            if {{Quote(recipe)}} == 'pme-1d':
                p = f['parameters'][...]
                assert f['parameters'].attrs['names'] == 'm' and p.min() >= 1 and p.max() <= 6
            print('ok')
            """;
        var (code, stdout, stderr) = ExternalTools.Run(ExternalTools.Python, "-", script);
        Assert.True(code == 0 && stdout.Contains("ok", StringComparison.Ordinal), stderr + stdout);
    }

    private static string Quote(string s) => "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
