using System.Net;
using System.Text;
using Plotly.NET;
using NeuralPDE.Core.IO;

namespace NeuralPDE.Plots;

/// <summary>
/// A self-contained HTML page of Plotly figures that renders with no network: plotly.js (shipped
/// inside Plotly.NET) is inlined once, and each figure is drawn from its JSON. Written atomically.
/// </summary>
public sealed class OfflineHtmlReport
{
    private readonly List<(string Heading, string? Text, List<ReportItem> Items)> _sections = [];

    public OfflineHtmlReport(string title)
    {
        Title = title;
    }

    public string Title { get; }

    /// <summary>Starts a new section with a heading and optional paragraph.</summary>
    public OfflineHtmlReport Section(string heading, string? text = null)
    {
        _sections.Add((heading, text, []));
        return this;
    }

    /// <summary>Adds a figure to the current section (a section is started if there is none).</summary>
    public OfflineHtmlReport Add(string caption, GenericChart chart)
    {
        Current.Add(new ReportItem(caption, chart, null, null));
        return this;
    }

    /// <summary>Adds a table (text cells, HTML-encoded) to the current section.</summary>
    public OfflineHtmlReport AddTable(string caption, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        Current.Add(new ReportItem(caption, null, header, rows.ToList()));
        return this;
    }

    public int FigureCount => _sections.Sum(s => s.Items.Count(i => i.Chart is not null));

    private List<ReportItem> Current
    {
        get
        {
            if (_sections.Count == 0)
            {
                Section(Title);
            }
            return _sections[^1].Items;
        }
    }

    /// <summary>The page as a string. Script errors are counted into <c>body[data-script-errors]</c> and the drawn
    /// charts into <c>body[data-charts-drawn]</c> (out of <c>data-charts</c>), so that a headless browser can check the
    /// page renders.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(Title))
            .Append("</title>\n<style>body{font-family:sans-serif;margin:24px;color:#1f2d3d} .fig{display:inline-block;vertical-align:top;margin:8px} ")
            .Append(".cap{font-size:13px;color:#555;text-align:center} table{border-collapse:collapse;margin:8px 0 16px} ")
            .Append("td,th{border:1px solid #ccd;padding:3px 8px;font-size:13px;text-align:left} th{background:#eef}</style>\n")
            .Append("<script>window.__npdeErrors=0;window.addEventListener('error',function(){window.__npdeErrors++;});</script>\n<script>")
            .Append(PlotlyScript.Value)
            .Append("</script></head><body data-charts=\"").Append(FigureCount).Append("\">\n<h1>")
            .Append(WebUtility.HtmlEncode(Title))
            .Append("</h1>\n");
        int id = 0;
        foreach (var (heading, text, items) in _sections)
        {
            html.Append("<h2>").Append(WebUtility.HtmlEncode(heading)).Append("</h2>\n");
            if (text is not null)
            {
                html.Append("<p>").Append(WebUtility.HtmlEncode(text)).Append("</p>\n");
            }
            foreach (ReportItem item in items)
            {
                if (item.Chart is not null)
                {
                    string div = "fig" + id++;
                    html.Append("<div class=\"fig\"><div id=\"").Append(div).Append("\"></div><div class=\"cap\">")
                        .Append(WebUtility.HtmlEncode(item.Caption)).Append("</div></div>\n")
                        .Append("<script>(function(){var f=").Append(GenericChart.toFigureJson(item.Chart))
                        .Append(";Plotly.newPlot('").Append(div).Append("',f.data,f.layout,{responsive:true});})();</script>\n");
                }
                else
                {
                    AppendTable(html, item);
                }
            }
        }
        html.Append("<script>window.addEventListener('load',function(){setTimeout(function(){var d=Array.prototype.filter.call(")
            .Append("document.querySelectorAll('.fig>div[id]'),function(e){return e.querySelector('.main-svg')!==null;}).length;")
            .Append("document.body.setAttribute('data-charts-drawn',String(d));document.body.setAttribute('data-script-errors',String(window.__npdeErrors));},0);});</script>\n");
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void AppendTable(StringBuilder html, ReportItem item)
    {
        html.Append("<table><caption>").Append(WebUtility.HtmlEncode(item.Caption)).Append("</caption><tr>");
        foreach (string h in item.Header!)
        {
            html.Append("<th>").Append(WebUtility.HtmlEncode(h)).Append("</th>");
        }
        html.Append("</tr>\n");
        foreach (IReadOnlyList<string> row in item.Rows!)
        {
            html.Append("<tr>");
            foreach (string cell in row)
            {
                html.Append("<td>").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</table>\n");
    }

    private sealed record ReportItem(string Caption, GenericChart? Chart, IReadOnlyList<string>? Header, IReadOnlyList<IReadOnlyList<string>>? Rows);

    /// <summary>Writes the page to <paramref name="path"/> via a temporary file and a rename.</summary>
    public void Save(string path)
    {
        string full = Path.GetFullPath(path);
        string? folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new IOException($"--plot {path}: folder {folder} does not exist");
        }
        AtomicFile.Write(full, temp => File.WriteAllText(temp, ToHtml()));
    }

    private static readonly Lazy<string> PlotlyScript = new(() =>
    {
        var assembly = typeof(GenericChart).Assembly;
        string name = assembly.GetManifestResourceNames().First(n => n.EndsWith(".min.js", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException("plotly.js resource missing from Plotly.NET");
        using var reader = new StreamReader(stream);
        // keep "</script>" inside the library from closing our tag
        return reader.ReadToEnd().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
    });
}
