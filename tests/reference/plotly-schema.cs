// Writes plotly-schema.json: the attributes plotly.js accepts for the traces and the layout the workbook's charts use,
// taken from the very plotly.js Plotly.NET embeds (Plotly.PlotSchema.get(), run in headless Chromium). The chart tests
// check every key and value of every figure against it, since plotly.js silently ignores an attribute it does not know.
// Regenerate after a Plotly.NET upgrade, from this folder, with a Chromium-family browser installed:
//
//     dotnet run plotly-schema.cs [path-to-browser]
#:project ../../src/LowRank.Notebooks/LowRank.Notebooks.csproj

using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

string[] traceTypes = ["bar", "scatter", "heatmap"];
// Text for people and bookkeeping for plotly.js's own editing; neither says what is valid.
string[] dropped = ["description", "editType", "impliedEdits", "anim", "_deprecated", "_noTemplating"];

var browser = args.Length > 0 ? args[0] : "chromium";
var work = Directory.CreateTempSubdirectory("plotly-schema-");
var page = Path.Combine(work.FullName, "schema.html");
File.WriteAllText(page,
    $"<html><body><script>{LowRank.Notebooks.PlotlyJs.Source}</script><pre id=\"schema\"></pre>" +
    "<script>document.getElementById('schema').textContent = JSON.stringify(Plotly.PlotSchema.get());</script></body></html>");
var start = new ProcessStartInfo(browser)
{
    ArgumentList = { "--headless", "--no-sandbox", "--disable-gpu", $"--user-data-dir={Path.Combine(work.FullName, "profile")}", "--dump-dom", new Uri(page).AbsoluteUri },
    RedirectStandardOutput = true,
    RedirectStandardError = true,
};
using var process = Process.Start(start)!;
var dom = await process.StandardOutput.ReadToEndAsync();
await process.WaitForExitAsync();
var match = Regex.Match(dom, "<pre id=\"schema\">(.*?)</pre>", RegexOptions.Singleline);
if (!match.Success)
{
    Console.Error.WriteLine($"{browser} did not print the schema (exit {process.ExitCode}).");
    return 1;
}
var schema = JsonNode.Parse(WebUtility.HtmlDecode(match.Groups[1].Value))!;

var traces = new JsonObject();
foreach (var type in traceTypes)
{
    traces[type] = Strip(schema["traces"]![type]!["attributes"]!);
}
var subset = new JsonObject
{
    ["plotly.js"] = LowRank.Notebooks.PlotlyJs.Version,
    ["traces"] = traces,
    ["layout"] = Strip(schema["layout"]!["layoutAttributes"]!),
};
var output = Path.Combine(Directory.GetCurrentDirectory(), "plotly-schema.json");
File.WriteAllText(output, subset.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
Console.WriteLine($"{output}: plotly.js {LowRank.Notebooks.PlotlyJs.Version}, traces {string.Join(", ", traceTypes)} and the layout.");
work.Delete(recursive: true);
return 0;

JsonNode Strip(JsonNode node) => node switch
{
    JsonObject o => new JsonObject(o.Where(p => !dropped.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal)
        .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)(p.Value is null ? null : Strip(p.Value))))),
    JsonArray a => new JsonArray(a.Select(v => v is null ? null : Strip(v)).ToArray()),
    _ => node.DeepClone(),
};
