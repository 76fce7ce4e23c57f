using System.Globalization;
using System.Text;

namespace NeuralPDE.Benchmarks;

/// <summary>The results table as plain text for the terminal: one row per (problem, method).</summary>
public static class BenchmarkTable
{
    public static readonly string[] Header = ["problem", "method", "status", "relL2", "wall s", "peak MB", "note"];

    /// <summary>The cells of each row, formatted as in the table and the CSV.</summary>
    public static IEnumerable<string[]> Rows(BenchmarkResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        foreach (MethodOutcome row in results.Rows)
        {
            yield return
            [
                row.Problem,
                row.Method,
                Status(row.Status),
                row.RelL2 is double r ? r.ToString("E2", CultureInfo.InvariantCulture) : "-",
                row.Status is MethodStatus.Completed or MethodStatus.Failed or MethodStatus.Interrupted && row.WallSeconds > 0
                    ? row.WallSeconds.ToString("F1", CultureInfo.InvariantCulture) : "-",
                row.PeakMemoryMB is double m ? m.ToString("F0", CultureInfo.InvariantCulture) : "-",
                row.Reason ?? "",
            ];
        }
    }

    public static string Status(MethodStatus status) => status switch
    {
        MethodStatus.Completed => "ok",
        MethodStatus.NotApplicable => "n/a",
        MethodStatus.Failed => "failed",
        _ => "interrupted",
    };

    public static string Format(BenchmarkResults results)
    {
        var rows = Rows(results).ToList();
        int columns = Header.Length;
        var width = new int[columns];
        for (int c = 0; c < columns; c++)
        {
            width[c] = Math.Max(Header[c].Length, rows.Count == 0 ? 0 : rows.Max(r => c == columns - 1 ? 0 : r[c].Length));
        }
        var text = new StringBuilder();
        void Line(string[] cells)
        {
            for (int c = 0; c < columns; c++)
            {
                text.Append(c == columns - 1 ? cells[c] : cells[c].PadRight(width[c] + 2));
            }
            text.Append('\n');
        }
        Line(Header);
        Line(Header.Select((h, c) => new string('-', c == columns - 1 ? 4 : width[c])).ToArray());
        foreach (string[] row in rows)
        {
            Line(row);
        }
        return text.ToString();
    }
}
