using System.Net;
using System.Text;

namespace Workbook.Report;

/// <summary>
/// The frame every report page shares: head with a policy that refuses the network, the vendored stylesheets and scripts
/// (all local, so a page opened from disk needs no network), an error recorder that runs before anything else, and the
/// report script at the end.
/// </summary>
internal static class PageShell
{
    /// <summary>The attribute of <c>&lt;html&gt;</c> that lists the page's JavaScript and loading errors, for readers and tests.</summary>
    public const string ErrorsAttribute = "data-errors";

    /// <summary>The attribute of <c>&lt;html&gt;</c> the report script sets once math and code are rendered.</summary>
    public const string RenderedAttribute = "data-rendered";

    /// <summary>
    /// The page's Content-Security-Policy: scripts, styles, images and fonts from the page's own files, inline or as data:
    /// URLs, and nothing from the network, whatever an output holds; a chart's inline plotly.js still runs.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self' file: 'unsafe-inline' 'unsafe-eval'; style-src 'self' file: 'unsafe-inline'; " +
        "img-src 'self' file: data: blob:; font-src 'self' file: data:; media-src 'self' file: data: blob:";

    // Inline and first, so that errors in the scripts below (and assets that fail to load) are recorded too.
    private const string ErrorRecorder = """
        <script>
        (function () {
          var errors = [];
          window.lowrankReportError = function (message) {
            errors.push(String(message));
            document.documentElement.setAttribute('data-errors', errors.join(' | '));
          };
          window.addEventListener('error', function (e) {
            var target = e.target;
            if (target && target !== window && (target.src || target.href)) {
              window.lowrankReportError('could not load ' + (target.src || target.href));
            } else {
              window.lowrankReportError((e.message || 'error') + (e.filename ? ' (' + e.filename + ':' + e.lineno + ')' : ''));
            }
          }, true);
          document.addEventListener('securitypolicyviolation', function (e) {
            window.lowrankReportError('blocked ' + e.blockedURI + ' (' + e.effectiveDirective + ')');
          });
          window.addEventListener('unhandledrejection', function (e) {
            window.lowrankReportError('unhandled rejection: ' + (e.reason && e.reason.message || e.reason));
          });
        })();
        </script>
        """;

    /// <summary>A whole page at <paramref name="path"/> (relative to the report's root) with <paramref name="body"/>
    /// as its content.</summary>
    public static string Page(string path, string title, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        string Asset(string file) => WebUtility.HtmlEncode(ReportPaths.Href(path, $"{ReportPaths.Assets}/{file}"));
        var page = new StringBuilder(body.Length + 4096);
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(ContentSecurityPolicy).Append("\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(WebUtility.HtmlEncode(title)).Append(" · LowRankNotebooks</title>\n")
            .Append(ErrorRecorder).Append('\n');
        foreach (var css in ReportAssets.Stylesheets)
        {
            page.Append("<link rel=\"stylesheet\" href=\"").Append(Asset(css)).Append("\">\n");
        }
        foreach (var script in ReportAssets.Libraries)
        {
            page.Append("<script src=\"").Append(Asset(script)).Append("\"></script>\n");
        }
        return page.Append("</head>\n<body>\n")
            .Append(body)
            .Append("<script src=\"").Append(Asset(ReportAssets.ReportScript)).Append("\"></script>\n")
            .Append("</body>\n</html>\n")
            .ToString();
    }
}
