using System.Net;
using System.Text;
using Plotly.NET;

namespace NeuralPDE.Plots;

/// <summary>
/// A self-contained HTML page of Plotly figures that renders with no network: plotly.js (shipped
/// inside Plotly.NET) is inlined once, and each figure is drawn from its JSON. Written atomically.
/// </summary>
public sealed class OfflineHtmlReport
{
    private readonly List<(string Heading, string? Text, List<(string Caption, GenericChart Chart)> Figures)> _sections = [];

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
        if (_sections.Count == 0)
        {
            Section(Title);
        }
        _sections[^1].Figures.Add((caption, chart));
        return this;
    }

    public int FigureCount => _sections.Sum(s => s.Figures.Count);

    /// <summary>The page as a string.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(Title))
            .Append("</title>\n<style>body{font-family:sans-serif;margin:24px;color:#1f2d3d} .fig{display:inline-block;vertical-align:top;margin:8px} .cap{font-size:13px;color:#555;text-align:center}</style>\n<script>")
            .Append(PlotlyScript.Value)
            .Append("</script></head><body>\n<h1>")
            .Append(WebUtility.HtmlEncode(Title))
            .Append("</h1>\n");
        int id = 0;
        foreach (var (heading, text, figures) in _sections)
        {
            html.Append("<h2>").Append(WebUtility.HtmlEncode(heading)).Append("</h2>\n");
            if (text is not null)
            {
                html.Append("<p>").Append(WebUtility.HtmlEncode(text)).Append("</p>\n");
            }
            foreach (var (caption, chart) in figures)
            {
                string div = "fig" + id++;
                html.Append("<div class=\"fig\"><div id=\"").Append(div).Append("\"></div><div class=\"cap\">")
                    .Append(WebUtility.HtmlEncode(caption)).Append("</div></div>\n")
                    .Append("<script>(function(){var f=").Append(GenericChart.toFigureJson(chart))
                    .Append(";Plotly.newPlot('").Append(div).Append("',f.data,f.layout,{responsive:true});})();</script>\n");
            }
        }
        html.Append("</body></html>\n");
        return html.ToString();
    }

    /// <summary>Writes the page to <paramref name="path"/> via a temporary file and a rename.</summary>
    public void Save(string path)
    {
        string full = Path.GetFullPath(path);
        string? folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new IOException($"--plot {path}: folder {folder} does not exist");
        }
        string temp = full + ".partial";
        File.WriteAllText(temp, ToHtml());
        File.Move(temp, full, overwrite: true);
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
