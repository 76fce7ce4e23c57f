using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NeuralPDE.Data.Hdf5;
using NeuralPDE.Core.IO;

namespace NeuralPDE.Benchmarks;

/// <summary>The machine-readable results: a JSON document (rows, references, environment, published figures) and a
/// CSV of the table. Files are written to a temporary name and renamed (<see cref="AtomicFile"/>).</summary>
public static class BenchmarkExport
{
    public static JsonObject ToJson(BenchmarkResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var problems = new JsonArray();
        foreach (ProblemResult p in results.Problems)
        {
            var rows = new JsonArray();
            foreach (MethodOutcome o in p.Outcomes)
            {
                var details = new JsonObject();
                foreach (var (key, value) in o.Details)
                {
                    details[key] = Number(value);
                }
                rows.Add(new JsonObject
                {
                    ["method"] = o.Method,
                    ["status"] = BenchmarkTable.Status(o.Status),
                    ["reason"] = o.Reason,
                    ["relL2"] = o.RelL2 is double r ? Number(r) : null,
                    ["wallSeconds"] = Math.Round(o.WallSeconds, 3),
                    ["peakMemoryMB"] = o.PeakMemoryMB is double m ? Number(m) : null,
                    ["seed"] = o.Seed,
                    ["settings"] = o.Settings,
                    ["details"] = details,
                });
            }
            var published = new JsonArray();
            foreach (PublishedFigure f in PublishedFigures.For(p.Problem))
            {
                published.Add(new JsonObject { ["method"] = f.Method, ["metric"] = f.Metric, ["value"] = f.Value, ["source"] = f.Source, ["kind"] = "published figure, not a rerun" });
            }
            problems.Add(new JsonObject
            {
                ["problem"] = p.Problem,
                ["description"] = p.Description,
                ["reference"] = p.Reference?.Label ?? p.ReferenceFailure,
                ["grid"] = p.Reference?.GridText,
                ["rows"] = rows,
                ["published"] = published,
            });
        }
        var environment = new JsonObject();
        foreach (var (key, value) in results.Environment.Entries)
        {
            environment[key] = value;
        }
        return new JsonObject
        {
            ["budget"] = BenchmarkBudgets.Name(results.Options.Budget),
            ["methods"] = new JsonArray(results.Methods.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()),
            ["started"] = results.Started.ToString("O", CultureInfo.InvariantCulture),
            ["wallSeconds"] = Math.Round(results.WallSeconds, 2),
            ["interrupted"] = results.Interrupted,
            ["environment"] = environment,
            ["problems"] = problems,
        };
    }

    public static string ToCsv(BenchmarkResults results)
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', BenchmarkTable.Header.Select(Quote))).Append('\n');
        foreach (string[] row in BenchmarkTable.Rows(results))
        {
            text.Append(string.Join(',', row.Select(Quote))).Append('\n');
        }
        return text.ToString();
    }

    public static void WriteJson(string path, BenchmarkResults results) =>
        WriteText(path, ToJson(results).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    public static void WriteCsv(string path, BenchmarkResults results) => WriteText(path, ToCsv(results));

    private static void WriteText(string path, string text) => AtomicFile.Write(path, temp => File.WriteAllText(temp, text));

    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
