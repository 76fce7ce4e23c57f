using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NeuralPDE.Core.Specs;

/// <summary>
/// A declarative problem definition loaded from <c>problems/NAME.json</c>.
/// Sections: <c>parameters</c> (the PDE), <c>reference</c> (reference-solver settings) and any
/// method-specific section (e.g. <c>pinn</c>). Typed accessors validate and report the field path.
/// </summary>
public sealed class ProblemSpec
{
    private readonly JsonObject _root;

    public ProblemSpec(JsonObject root, string source)
    {
        _root = root;
        Source = source;
        Name = RequiredString("name");
        Family = RequiredString("family");
        Variant = _root["variant"] is null ? "" : RequiredString("variant");
        Description = _root["description"] is null ? "" : RequiredString("description");
    }

    /// <summary>Where the spec came from (file path or "inline").</summary>
    public string Source { get; }

    /// <summary>Problem name, e.g. <c>burgers-1d</c>.</summary>
    public string Name { get; }

    /// <summary>PDE family: <c>burgers</c>, <c>poisson</c>, <c>darcy</c>, <c>navier-stokes</c>, <c>porous-medium</c>.</summary>
    public string Family { get; }

    /// <summary>Family-specific variant (e.g. <c>dirichlet-sine</c>), empty when the family has one form.</summary>
    public string Variant { get; }

    public string Description { get; }

    /// <summary>The raw JSON (a deep copy, safe to modify).</summary>
    public JsonObject ToJson() => (JsonObject)_root.DeepClone();

    /// <summary>Canonical JSON text of the spec (after overrides), e.g. for storing next to results.</summary>
    public string ToJsonText() => _root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    public bool Has(string path) => Find(path) is not null;

    /// <summary>A number at <paramref name="path"/> (dotted), optionally bounded (inclusive).</summary>
    public double Number(string path, double? min = null, double? max = null, bool exclusiveMin = false)
    {
        JsonNode? node = Find(path) ?? throw Missing(path, "a number");
        double value = AsNumber(node, path);
        CheckRange(path, value, min, max, exclusiveMin);
        return value;
    }

    public double NumberOr(string path, double fallback, double? min = null, double? max = null, bool exclusiveMin = false)
        => Has(path) ? Number(path, min, max, exclusiveMin) : fallback;

    /// <summary>An integer at <paramref name="path"/>, optionally bounded (inclusive).</summary>
    public int Integer(string path, int? min = null, int? max = null)
    {
        JsonNode? node = Find(path) ?? throw Missing(path, "an integer");
        double value = AsNumber(node, path);
        if (value != Math.Floor(value) || value < int.MinValue || value > int.MaxValue)
        {
            throw Error(path, $"expected an integer, got {Show(node)}");
        }
        CheckRange(path, value, min, max, false);
        return (int)value;
    }

    public int IntegerOr(string path, int fallback, int? min = null, int? max = null)
        => Has(path) ? Integer(path, min, max) : fallback;

    /// <summary>A string at <paramref name="path"/>; when <paramref name="allowed"/> is given it must be one of them.</summary>
    public string Text(string path, params string[] allowed)
    {
        JsonNode? node = Find(path) ?? throw Missing(path, allowed.Length > 0 ? "one of " + string.Join(", ", allowed) : "a string");
        if (node is not JsonValue v || !v.TryGetValue(out string? s))
        {
            throw Error(path, $"expected a string, got {Show(node)}");
        }
        if (allowed.Length > 0 && !allowed.Contains(s, StringComparer.Ordinal))
        {
            throw Error(path, $"expected one of {string.Join(", ", allowed)}, got \"{s}\"");
        }
        return s;
    }

    public string TextOr(string path, string fallback, params string[] allowed)
        => Has(path) ? Text(path, allowed) : fallback;

    public bool Flag(string path)
    {
        JsonNode? node = Find(path) ?? throw Missing(path, "true or false");
        if (node is JsonValue v && v.TryGetValue(out bool b))
        {
            return b;
        }
        throw Error(path, $"expected true or false, got {Show(node)}");
    }

    public bool FlagOr(string path, bool fallback) => Has(path) ? Flag(path) : fallback;

    /// <summary>An array of numbers at <paramref name="path"/>, with an optional required length.</summary>
    public double[] Numbers(string path, int? length = null)
    {
        JsonNode? node = Find(path) ?? throw Missing(path, "an array of numbers");
        if (node is not JsonArray array)
        {
            throw Error(path, $"expected an array of numbers, got {Show(node)}");
        }
        var values = new double[array.Count];
        for (int i = 0; i < array.Count; i++)
        {
            values[i] = AsNumber(array[i] ?? throw Error($"{path}[{i}]", "expected a number, got null"), $"{path}[{i}]");
        }
        if (length is int n && values.Length != n)
        {
            throw Error(path, $"expected {n} numbers, got {values.Length}");
        }
        return values;
    }

    /// <summary>
    /// Applies <c>key=value</c> overrides. A bare key addresses <c>parameters.KEY</c>; a dotted key
    /// addresses that path from the root (e.g. <c>reference.resolution=128</c>). Only existing keys
    /// can be overridden, so a typo is reported with the allowed keys. Values are parsed as JSON when
    /// possible (numbers, booleans, arrays), else taken as strings.
    /// </summary>
    public ProblemSpec WithOverrides(IEnumerable<string> assignments)
    {
        JsonObject root = ToJson();
        foreach (string assignment in assignments)
        {
            int eq = assignment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new SpecException(Name, "--set", $"expected key=value, got \"{assignment}\"");
            }
            string key = assignment[..eq].Trim();
            string raw = assignment[(eq + 1)..].Trim();
            string path = key.Contains('.', StringComparison.Ordinal) ? key : "parameters." + key;
            string[] parts = path.Split('.');
            JsonObject parent = root;
            for (int i = 0; i < parts.Length - 1; i++)
            {
                if (parent[parts[i]] is not JsonObject child)
                {
                    throw new SpecException(Name, "--set " + key, $"unknown section \"{string.Join('.', parts[..(i + 1)])}\"; sections: {string.Join(", ", root.Where(p => p.Value is JsonObject).Select(p => p.Key))}");
                }
                parent = child;
            }
            string leaf = parts[^1];
            if (!parent.ContainsKey(leaf))
            {
                string section = string.Join('.', parts[..^1]);
                throw new SpecException(Name, "--set " + key, $"unknown key \"{leaf}\" in {section}; allowed: {string.Join(", ", parent.Select(p => p.Key))}");
            }
            parent[leaf] = ParseValue(raw);
        }
        return new ProblemSpec(root, Source);
    }

    private static JsonNode? ParseValue(string raw)
    {
        try
        {
            return JsonNode.Parse(raw);
        }
        catch (JsonException)
        {
            return JsonValue.Create(raw);
        }
    }

    private string RequiredString(string key)
    {
        if (_root[key] is JsonValue v && v.TryGetValue(out string? s) && !string.IsNullOrWhiteSpace(s))
        {
            return s;
        }
        throw new SpecException(Source, key, "expected a non-empty string");
    }

    private JsonNode? Find(string path)
    {
        JsonNode? node = _root;
        foreach (string part in path.Split('.'))
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(part, out node))
            {
                return null;
            }
        }
        return node;
    }

    private double AsNumber(JsonNode node, string path)
    {
        if (node is JsonValue v)
        {
            if (v.TryGetValue(out double d))
            {
                return CheckFinite(path, d);
            }
            if (v.TryGetValue(out JsonElement e) && e.ValueKind == JsonValueKind.Number)
            {
                return CheckFinite(path, e.GetDouble());
            }
            if (v.TryGetValue(out string? s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed))
            {
                return CheckFinite(path, parsed);
            }
        }
        throw Error(path, $"expected a number, got {Show(node)}");
    }

    private double CheckFinite(string path, double value)
        => double.IsFinite(value) ? value : throw Error(path, $"expected a finite number, got {value.ToString(CultureInfo.InvariantCulture)}");

    private void CheckRange(string path, double value, double? min, double? max, bool exclusiveMin)
    {
        string v = value.ToString("G", CultureInfo.InvariantCulture);
        if (min is double lo && (exclusiveMin ? value <= lo : value < lo))
        {
            string op = exclusiveMin ? ">" : ">=";
            string range = max is double hi0 ? $"a number {op} {lo.ToString(CultureInfo.InvariantCulture)} and <= {hi0.ToString(CultureInfo.InvariantCulture)}" : $"a number {op} {lo.ToString(CultureInfo.InvariantCulture)}";
            throw Error(path, $"expected {range}, got {v}");
        }
        if (max is double hi && value > hi)
        {
            throw Error(path, $"expected a number <= {hi.ToString(CultureInfo.InvariantCulture)}, got {v}");
        }
    }

    private SpecException Missing(string path, string what) => Error(path, $"missing; expected {what}");

    private SpecException Error(string path, string problem) => new(Name ?? Source, path, problem);

    private static string Show(JsonNode? node) => node is null ? "null" : node.ToJsonString();

    public override string ToString() => Name;
}
