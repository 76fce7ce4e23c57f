using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Solvers;
using NeuralPDE.Tests.Support;

namespace NeuralPDE.Tests.Specs;

public class ProblemSpecTests
{
    private static ProblemSpec Sample() => ProblemCatalog.Parse("""
        {
          "name": "demo", "family": "burgers", "variant": "x", "description": "d",
          "parameters": { "nu": 0.1, "n": 8, "law": "pme", "c": [1, 2] },
          "reference": { "resolution": 64 }
        }
        """, "demo.json");

    [Fact]
    public void TypedAccessorsValidateAndNameTheField()
    {
        ProblemSpec spec = Sample();
        Assert.Equal(0.1, spec.Number("parameters.nu", min: 0, exclusiveMin: true));
        Assert.Equal(8, spec.Integer("parameters.n", min: 1));
        Assert.Equal("pme", spec.Text("parameters.law", "heat", "pme"));
        Assert.Equal([1.0, 2.0], spec.Numbers("parameters.c", 2));
        Assert.Equal(5, spec.IntegerOr("parameters.missing", 5));

        var e = Assert.Throws<SpecException>(() => spec.Number("parameters.nu", min: 1));
        Assert.Equal("demo: parameters.nu: expected a number >= 1, got 0.1", e.Message);
        e = Assert.Throws<SpecException>(() => spec.Text("parameters.law", "heat", "stefan"));
        Assert.Contains("parameters.law: expected one of heat, stefan, got \"pme\"", e.Message);
        e = Assert.Throws<SpecException>(() => spec.Integer("parameters.nu"));
        Assert.Contains("parameters.nu: expected an integer", e.Message);
        e = Assert.Throws<SpecException>(() => spec.Number("parameters.absent"));
        Assert.Contains("parameters.absent: missing", e.Message);
        e = Assert.Throws<SpecException>(() => spec.Numbers("parameters.c", 3));
        Assert.Contains("expected 3 numbers, got 2", e.Message);
    }

    [Fact]
    public void OverridesAddressParametersByDefaultAndOtherSectionsByPath()
    {
        ProblemSpec spec = Sample().WithOverrides(["nu=0.5", "reference.resolution=128", "law=heat", "c=[3,4]"]);
        Assert.Equal(0.5, spec.Number("parameters.nu"));
        Assert.Equal(128, spec.Integer("reference.resolution"));
        Assert.Equal("heat", spec.Text("parameters.law"));
        Assert.Equal([3.0, 4.0], spec.Numbers("parameters.c"));
        Assert.Equal(0.1, Sample().Number("parameters.nu")); // the original is untouched
    }

    [Fact]
    public void UnknownOverrideListsTheAllowedKeys()
    {
        var e = Assert.Throws<SpecException>(() => Sample().WithOverrides(["viscosity=1"]));
        Assert.Contains("unknown key \"viscosity\" in parameters; allowed: nu, n, law, c", e.Message);
        e = Assert.Throws<SpecException>(() => Sample().WithOverrides(["nonsense"]));
        Assert.Contains("expected key=value", e.Message);
        e = Assert.Throws<SpecException>(() => Sample().WithOverrides(["solver.tol=1"]));
        Assert.Contains("unknown section \"solver\"", e.Message);
    }

    [Fact]
    public void MalformedJsonNamesTheLine()
    {
        var e = Assert.Throws<SpecException>(() => ProblemCatalog.Parse("{\n \"name\": \"x\",\n \"family\": }", "bad.json"));
        Assert.StartsWith("bad.json: line 3: malformed JSON", e.Message);
        e = Assert.Throws<SpecException>(() => ProblemCatalog.Parse("{\"family\": \"x\"}", "noname.json"));
        Assert.Equal("noname.json: name: expected a non-empty string", e.Message);
    }

    [Fact]
    public void EveryCatalogueSpecLoadsAndHasAReferenceSolver()
    {
        var catalog = new ProblemCatalog(Path.Combine(RepoPaths.Root, "problems"));
        var names = catalog.Names();
        string[] required =
        [
            "burgers-1d", "burgers-1d-periodic", "poisson-2d", "poisson-lshape", "poisson-star", "darcy-2d",
            "ns-taylor-green", "ns-vorticity-2d", "ns-kovasznay", "ns-cavity", "pme-1d", "pme-barenblatt",
        ];
        Assert.All(required, r => Assert.Contains(r, names));
        foreach (ProblemSpec spec in catalog.All())
        {
            Assert.Equal(spec.Name, Path.GetFileNameWithoutExtension(spec.Source));
            Assert.False(string.IsNullOrWhiteSpace(spec.Description), $"{spec.Name} needs a description");
            Assert.True(ReferenceSolvers.Has(spec), $"{spec.Name}: no reference solver for {spec.Family}/{spec.Variant}");
        }
    }

    [Fact]
    public void UnknownProblemListsTheCatalogue()
    {
        var catalog = new ProblemCatalog(Path.Combine(RepoPaths.Root, "problems"));
        var e = Assert.Throws<SpecException>(() => catalog.Load("no-such-problem"));
        Assert.Contains("unknown problem \"no-such-problem\"", e.Message);
        Assert.Contains("burgers-1d", e.Message);
    }
}
