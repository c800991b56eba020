using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Plotly.NET;

namespace LowRank.Notebooks;

/// <summary>
/// HTML for Plotly.NET charts that draws without network access: plotly.js is loaded once per page or notebook
/// from Plotly.NET's embedded copy, and each chart is a small fragment that waits for it.
/// </summary>
public static class ChartHtml
{
    private static long chartCount;

    /// <summary>
    /// A script that installs the embedded plotly.js as <c>window.Plotly</c> unless the page already has it,
    /// preceded by a one-line note for the reader.
    /// </summary>
    public static string Loader()
    {
        var script = new StringBuilder(PlotlyJs.Source.Length + 512);
        script.Append("<div class=\"lowrank-plotly-loader\" style=\"font-size:smaller;opacity:0.7\">plotly.js ")
            .Append(PlotlyJs.Version)
            .Append(" loaded from the LowRank library: the charts below draw without network access.</div>\n")
            .Append("<script type=\"text/javascript\">\n")
            .Append("if (!window.Plotly) { (function () {\n")
            // Under requirejs (classic Jupyter) plotly.js would register as an anonymous AMD module instead of
            // setting window.Plotly, and requirejs rejects anonymous modules loaded by inline scripts.
            .Append("var amd = window.define; window.define = undefined;\ntry {\n")
            .Append(EscapeForScript(PlotlyJs.Source))
            .Append("\n} finally { window.define = amd; }\n})(); }\n</script>\n");
        return script.ToString();
    }

    /// <summary>A chart's <c>div</c> and the script that draws it once plotly.js is present (see <see cref="Loader"/>).</summary>
    public static string Fragment(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var id = "lowrank-chart-" + Interlocked.Increment(ref chartCount).ToString(CultureInfo.InvariantCulture)
            + "-" + Guid.NewGuid().ToString("N")[..8];
        var figure = EscapeForScript(FigureJson(chart));
        var missing = MissingPlotlyMessage;
        return $$"""
            <div id="{{id}}" class="lowrank-chart"></div>
            <script type="text/javascript">
            (function () {
              var figure = {{figure}};
              var deadline = Date.now() + 20000;
              function draw() {
                var element = document.getElementById('{{id}}');
                if (!element) { return; }
                if (window.Plotly) { window.Plotly.newPlot(element, figure.data, figure.layout || {}, figure.config || {}); }
                else if (Date.now() < deadline) { setTimeout(draw, 50); }
                else { element.textContent = {{missing}}; element.setAttribute('data-lowrank-plotly', 'miss' + 'ing'); }
              }
              draw();
            })();
            </script>

            """;
    }

    /// <summary>The figure's JSON, byte for byte what <c>GenericChart.toJson</c> writes, in milliseconds.</summary>
    internal static string FigureJson(GenericChart chart) =>
        Newtonsoft.Json.JsonConvert.SerializeObject(GenericChart.toChartDTO(chart), FigureSettings);

    // Plotly.NET's own settings, except for how Newtonsoft's loop check compares each object it writes with those above
    // it: by Equals, which Plotly.NET's objects answer by hashing their whole tree, data and all (0.4 s for a 128×128
    // heatmap, 3.7 s for the picture slider). The figure is a tree, so comparing references finds the same (no) loops.
    private static readonly Newtonsoft.Json.JsonSerializerSettings FigureSettings = new()
    {
        ReferenceLoopHandling = Newtonsoft.Json.ReferenceLoopHandling.Serialize,
        EqualityComparer = ReferenceEqualityComparer.Instance,
    };

    // The message is assigned with textContent, which shows HTML entities literally, so it is a JavaScript string
    // literal: JSON escapes quotes, and the default encoder also escapes < and & so the script cannot be ended early.
    // JsonEncodedText, not JsonSerializer: a file-based app defaults to PublishAot=true, which turns reflection-based
    // serialization off, and encoding one string needs no serializer.
    private static readonly string MissingPlotlyMessage = "\"" + JsonEncodedText.Encode(
        "plotly.js is not loaded on this page: run the notebook's setup cell (Notebook.UseOfflineCharts()) first.").ToString() + "\"";

    /// <summary>A complete, self-contained HTML page with the given charts, for saving or opening in a browser offline.</summary>
    public static string Page(string title, IReadOnlyList<GenericChart> charts)
    {
        ArgumentNullException.ThrowIfNull(title);
        var body = new StringBuilder();
        body.Append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(WebUtility.HtmlEncode(title))
            .Append("</title>\n</head>\n<body>\n")
            .Append(Loader());
        foreach (var chart in Guard.NoNulls(charts))
        {
            body.Append(Fragment(chart));
        }
        return body.Append("</body>\n</html>\n").ToString();
    }

    // "</script" ends a script element wherever it appears, even inside a JavaScript string; "<\/" means the same to JavaScript and JSON.
    private static string EscapeForScript(string code) => code.Replace("</", "<\\/", StringComparison.Ordinal);
}
