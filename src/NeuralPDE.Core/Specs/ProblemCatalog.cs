using System.Text.Json;
using System.Text.Json.Nodes;

namespace NeuralPDE.Core.Specs;

/// <summary>
/// Finds and loads problem specs (<c>problems/*.json</c>) or dataset recipes (<c>datasets/*.json</c>)
/// by name or path. The folder is searched from the working directory upwards, then from the
/// application's base directory upwards (the CLI ships a copy next to its assembly).
/// </summary>
public sealed class ProblemCatalog
{
    public ProblemCatalog(string directory)
    {
        Directory = directory;
    }

    /// <summary>The folder holding the JSON specs.</summary>
    public string Directory { get; }

    /// <summary>The catalogue of <c>problems/</c>.</summary>
    public static ProblemCatalog Problems() => new(Locate("problems"));

    /// <summary>The catalogue of <c>datasets/</c> (dataset recipes).</summary>
    public static ProblemCatalog Datasets() => new(Locate("datasets"));

    /// <summary>Finds a folder named <paramref name="folder"/> that holds JSON files, searching upwards
    /// from the working directory and from the application base directory.</summary>
    public static string Locate(string folder)
    {
        string? env = Environment.GetEnvironmentVariable("NEURALPDE_" + folder.ToUpperInvariant() + "_DIR");
        if (!string.IsNullOrEmpty(env) && System.IO.Directory.Exists(env))
        {
            return env;
        }
        foreach (string start in new[] { System.IO.Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, folder);
                if (System.IO.Directory.Exists(candidate) && System.IO.Directory.EnumerateFiles(candidate, "*.json").Any())
                {
                    return candidate;
                }
            }
        }
        throw new SpecException($"cannot find the {folder}/ folder (searched upwards from {System.IO.Directory.GetCurrentDirectory()} and {AppContext.BaseDirectory}); set NEURALPDE_{folder.ToUpperInvariant()}_DIR");
    }

    /// <summary>Names of all specs, sorted.</summary>
    public IReadOnlyList<string> Names() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.json")
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>All specs, sorted by name.</summary>
    public IReadOnlyList<ProblemSpec> All() => Names().Select(n => Load(n)).ToList();

    /// <summary>Loads a spec by catalogue name or by path to a JSON file, then applies overrides.</summary>
    public ProblemSpec Load(string nameOrPath, IEnumerable<string>? overrides = null)
    {
        string path = Resolve(nameOrPath);
        ProblemSpec spec = Parse(File.ReadAllText(path), path);
        return overrides is null ? spec : spec.WithOverrides(overrides);
    }

    /// <summary>Parses spec JSON text; <paramref name="source"/> names it in errors.</summary>
    public static ProblemSpec Parse(string json, string source)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new SpecException(source, $"line {e.LineNumber + 1}", "malformed JSON: " + FirstLine(e.Message));
        }
        if (node is not JsonObject obj)
        {
            throw new SpecException(source, "(root)", "expected a JSON object");
        }
        return new ProblemSpec(obj, source);
    }

    private string Resolve(string nameOrPath)
    {
        if (File.Exists(nameOrPath))
        {
            return nameOrPath;
        }
        string candidate = Path.Combine(Directory, nameOrPath + ".json");
        if (File.Exists(candidate))
        {
            return candidate;
        }
        throw new SpecException($"unknown problem \"{nameOrPath}\": not a file and not in {Directory}; known: {string.Join(", ", Names())}");
    }

    private static string FirstLine(string s)
    {
        int i = s.IndexOfAny(['\r', '\n']);
        return i < 0 ? s : s[..i];
    }
}
