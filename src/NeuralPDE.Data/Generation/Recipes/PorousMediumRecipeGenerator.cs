using System.Globalization;
using NeuralPDE.Core.Random;
using NeuralPDE.Core.Solutions;
using NeuralPDE.Core.Specs;
using NeuralPDE.Data.Generation;
using NeuralPDE.Numerics.PorousMedium;
using NeuralPDE.Numerics.Solvers;

namespace NeuralPDE.Data.Generation.Recipes;

/// <summary>
/// Recipe <c>pme-1d</c> (family porous-medium): the generalized porous-medium family of <c>problems/pme-1d.json</c>
/// with numeric parameters drawn uniformly per sample from the recipe's <c>random.parameters</c> ranges (e.g. m in
/// [1, 6], as in ProbConserv), each solved by <see cref="Gpme1DSolver"/> (finite volumes, Newton). Output in PDEBench's
/// 1-D layout: <c>tensor</c> [N, T, X] (u at the cell centres, T = outputTimes + 1 snapshots), <c>exact</c> [N, T, X]
/// (the law's exact solution), <c>x-/t-coordinate</c>, and the drawn values as <c>parameters</c>.
/// </summary>
public sealed class PorousMediumRecipeGenerator : ISampleGenerator
{
    private readonly ProblemSpec _spec;
    private readonly string[] _keys;
    private readonly double[][] _ranges;

    public PorousMediumRecipeGenerator(ProblemSpec recipe, ProblemSpec spec)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
        if (recipe.ToJson()["random"]?["parameters"] is not System.Text.Json.Nodes.JsonObject ranges || ranges.Count == 0)
        {
            throw new SpecException(recipe.Name, "random.parameters", "expected an object of parameter ranges, e.g. { \"m\": [1, 6] }");
        }
        _keys = ranges.Select(r => r.Key).ToArray();
        _ranges = new double[_keys.Length][];
        for (int k = 0; k < _keys.Length; k++)
        {
            _ranges[k] = recipe.Numbers("random.parameters." + _keys[k], 2);
            if (!spec.Has("parameters." + _keys[k]))
            {
                throw new SpecException(recipe.Name, "random.parameters." + _keys[k], $"{spec.Name} has no parameter \"{_keys[k]}\"");
            }
            if (!(_ranges[k][0] <= _ranges[k][1]))
            {
                throw new SpecException(recipe.Name, "random.parameters." + _keys[k], "expected [low, high] with low <= high");
            }
        }
        // Validate the extremes once, so a bad range fails before any work.
        _ = Gpme1DParametersCheck(_ranges.Select(r => r[0]).ToArray());
        _ = Gpme1DParametersCheck(_ranges.Select(r => r[1]).ToArray());
        int n = spec.Integer("reference.resolution", min: 2);
        int outputs = spec.Integer("reference.outputTimes", min: 1);
        double xMin = spec.Number("parameters.xMin"), xMax = spec.Number("parameters.xMax"), tEnd = spec.Number("parameters.tEnd");
        float[] x = Enumerable.Range(0, n).Select(i => (float)(xMin + (i + 0.5) * (xMax - xMin) / n)).ToArray();
        float[] t = Enumerable.Range(0, outputs + 1).Select(j => (float)(j * tEnd / outputs)).ToArray();
        var attributes = new Dictionary<string, double>();
        foreach (var (key, value) in spec.ToJson()["parameters"]!.AsObject())
        {
            if (!_keys.Contains(key) && value is System.Text.Json.Nodes.JsonValue v && v.TryGetValue(out double d))
            {
                attributes[key] = d;
            }
        }
        Layout = new DatasetLayout(
            [
                new DatasetArray("tensor", [outputs + 1, n], "u(t, x) at the cell centres, [N, T, X]"),
                new DatasetArray("exact", [outputs + 1, n], "the exact solution at the same points, [N, T, X]"),
            ],
            new Dictionary<string, float[]> { ["t-coordinate"] = t, ["x-coordinate"] = x },
            _keys,
            ["seconds", "newtonIterations", "steps", "massDrift", "relL2"],
            attributes);
        Solver = new Gpme1DSolver().Name + " (" + spec.Text("reference.timeScheme") + ", face " + spec.Text("reference.faceMean") + ", N=" + n + ")";
    }

    public DatasetLayout Layout { get; }

    public string Solver { get; }

    public string Notes => "";

    public bool ParallelBlocks => true;

    private ProblemSpec Gpme1DParametersCheck(double[] values)
    {
        ProblemSpec s = _spec.WithOverrides(_keys.Select((k, i) => "parameters." + k + "=" + values[i].ToString("R", CultureInfo.InvariantCulture)));
        _ = NeuralPDE.Core.Families.PorousMedium.Gpme1DParameters.FromSpec(s);
        return s;
    }

    public IReadOnlyList<GeneratedSample> Generate(IReadOnlyList<int> indices, IReadOnlyList<long> seeds, CancellationToken cancellation)
    {
        var samples = new GeneratedSample[indices.Count];
        for (int k = 0; k < samples.Length; k++)
        {
            var rng = Xoshiro256StarStar.ForStream(seeds[k], 2);
            double[] values = _ranges.Select(r => r[0] + (r[1] - r[0]) * rng.NextDouble()).ToArray();
            ProblemSpec spec = Gpme1DParametersCheck(values);
            ReferenceSolution solution = new Gpme1DSolver().Solve(spec, new SolveOptions { Cancellation = cancellation });
            var st = solution.Statistics;
            samples[k] = new GeneratedSample(indices[k], seeds[k],
                [DarcyRecipeGenerator.ToFloat(solution.Fields["u"].Values), DarcyRecipeGenerator.ToFloat(solution.Exact["u"].Values)],
                values,
                [st["seconds"], st["newtonIterations"], st["steps"], st["massDrift"], solution.RelativeL2() ?? double.NaN]);
        }
        return samples;
    }
}
