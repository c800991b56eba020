using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LowRank.Notebooks.Tests;

/// <summary>
/// Checks a figure against the attributes plotly.js accepts (plotly-schema.json, written by
/// tests/reference/plotly-schema.cs from the plotly.js Plotly.NET embeds). plotly.js ignores an attribute it does not
/// know and falls back to its default for a value it does not accept, so a misspelt key or value would fail silently.
/// </summary>
public static class PlotlySchema
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Lazy<JsonNode> schema = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "plotly-schema.json")))!);

    /// <summary>The plotly.js version the schema was taken from.</summary>
    public static string Version => (string)schema.Value["plotly.js"]!;

    /// <summary>Every key and value of <paramref name="figure"/> that plotly.js would not accept, each as "path: why"; none when all is valid.</summary>
    public static IReadOnlyList<string> Problems(JsonNode figure)
    {
        var problems = new List<string>();
        var traces = figure["data"]!.AsArray();
        for (var i = 0; i < traces.Count; i++)
        {
            var trace = traces[i]!.AsObject();
            var type = (string?)trace["type"];
            if (type is null || schema.Value["traces"]![type] is not JsonObject attributes)
            {
                problems.Add($"data[{i}].type: '{type}' is not a trace type in the schema");
                continue;
            }
            Attributes(trace.Where(p => p.Key != "type"), attributes, $"data[{i}]", problems);
        }
        Attributes(figure["layout"]!.AsObject(), schema.Value["layout"]!.AsObject(), "layout", problems);
        return problems;
    }

    private static void Attributes(IEnumerable<KeyValuePair<string, JsonNode?>> values, JsonObject attributes, string path, List<string> problems)
    {
        foreach (var (key, value) in values)
        {
            var at = $"{path}.{key}";
            var attribute = attributes[key];
            // xaxis2, yaxis5: further subplots of a kind take the attributes of the first.
            if (attribute is null && Regex.Match(key, "^([a-z]+)(?:[2-9]|[1-9][0-9]+)$") is { Success: true } numbered
                && attributes[numbered.Groups[1].Value] is JsonObject kind && kind["_isSubplotObj"] is not null)
            {
                attribute = kind;
            }
            // The schema's own markers (role, _isSubplotObj) are not objects, so they are no attributes either.
            if (attribute is not JsonObject spec)
            {
                problems.Add($"{at}: not an attribute plotly.js knows");
            }
            else if (spec["valType"] is not null)
            {
                Value(value, spec, at, problems);
            }
            else if (spec["items"] is JsonObject items)
            {
                // An array of objects such as layout.annotations: each item has the attributes of the one entry in items.
                var item = items.Single().Value!.AsObject();
                if (value is JsonArray array)
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        Attributes(array[i]!.AsObject(), item, $"{at}[{i}]", problems);
                    }
                }
                else
                {
                    problems.Add($"{at}: must be an array of objects");
                }
            }
            else if (value is JsonObject nested)
            {
                Attributes(nested, spec, at, problems);
            }
            else
            {
                problems.Add($"{at}: must be an object, but is {value?.ToJsonString() ?? "null"}");
            }
        }
    }

    private static void Value(JsonNode? value, JsonObject spec, string at, List<string> problems, bool element = false)
    {
        // arrayOk: one value per point (hover text, bar colours) as well as one for all.
        if (!element && value is JsonArray array && (spec["arrayOk"]?.GetValue<bool>() ?? false))
        {
            for (var i = 0; i < array.Count; i++)
            {
                Value(array[i], spec, $"{at}[{i}]", problems, element: true);
            }
            return;
        }
        var why = (string)spec["valType"]! switch
        {
            "any" or "data_array" => null,
            "boolean" => value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? null : "must be true or false",
            "number" or "angle" => Number(value, spec, integer: false),
            "integer" => Number(value, spec, integer: true),
            "string" => value?.GetValueKind() == JsonValueKind.String
                && (spec["values"] is not JsonArray allowed || allowed.Any(a => (string?)a == (string)value!)) ? null : "must be a string" + (spec["values"] is null ? "" : " from the allowed list"),
            "color" => value?.GetValueKind() == JsonValueKind.String && !string.IsNullOrWhiteSpace((string)value!) ? null : "must be a colour",
            "enumerated" => Enumerated(value, spec["values"]!.AsArray()) ? null : $"must be one of {spec["values"]!.ToJsonString(Readable)}",
            "subplotid" => value?.GetValueKind() == JsonValueKind.String && Regex.IsMatch((string)value!, $"^{(string)spec["dflt"]!}([2-9]|[1-9][0-9]+)?$") ? null : $"must name a subplot like '{spec["dflt"]}2'",
            "flaglist" => Flags(value, spec) ? null : $"must be {spec["extras"]?.ToJsonString(Readable) ?? "[]"} or flags {spec["flags"]!.ToJsonString(Readable)} joined by '+'",
            "colorscale" => value?.GetValueKind() == JsonValueKind.String
                || value is JsonArray stops && stops.Count >= 2 && stops.All(s => s is JsonArray { Count: 2 } stop && stop[0]!.GetValueKind() == JsonValueKind.Number && stop[1]!.GetValueKind() == JsonValueKind.String && ((string)stop[1]!).Length > 0)
                ? null : "must be a colour scale's name or [[0, colour], …, [1, colour]]",
            "info_array" => InfoArray(value, spec, at, problems),
            var other => $"has a valType '{other}' this check does not know",
        };
        if (why is not null)
        {
            problems.Add($"{at}: {value?.ToJsonString(Readable) ?? "null"} {why}");
        }
    }

    private static string? Number(JsonNode? value, JsonObject spec, bool integer)
    {
        if (value?.GetValueKind() != JsonValueKind.Number)
        {
            return integer ? "must be an integer" : "must be a number";
        }
        var number = value.GetValue<double>();
        if (integer && number != Math.Floor(number))
        {
            return "must be an integer";
        }
        var min = (double?)spec["min"];
        var max = (double?)spec["max"];
        return (min is { } lo && number < lo) || (max is { } hi && number > hi)
            ? string.Create(CultureInfo.InvariantCulture, $"must lie in [{min?.ToString() ?? "-∞"}, {max?.ToString() ?? "∞"}]")
            : null;
    }

    private static bool Enumerated(JsonNode? value, JsonArray allowed) =>
        allowed.Any(a => a!.GetValueKind() == JsonValueKind.String && ((string)a!) is ['/', .., '/'] pattern
            ? value?.GetValueKind() == JsonValueKind.String && Regex.IsMatch((string)value!, pattern[1..^1])
            : JsonNode.DeepEquals(a, value));

    private static bool Flags(JsonNode? value, JsonObject spec)
    {
        // extras are whole values, some of them not strings (automargin: true or false).
        if (spec["extras"] is JsonArray extras && extras.Any(e => JsonNode.DeepEquals(e, value)))
        {
            return true;
        }
        var flags = spec["flags"]!.AsArray().Select(f => (string?)f).ToArray();
        return value?.GetValueKind() == JsonValueKind.String && ((string)value!).Split('+').All(flags.Contains);
    }

    private static string? InfoArray(JsonNode? value, JsonObject spec, string at, List<string> problems)
    {
        if (value is not JsonArray array)
        {
            return "must be an array";
        }
        // items is one spec for every position, or one per position and no more positions than that.
        for (var i = 0; i < array.Count; i++)
        {
            var item = spec["items"] as JsonObject ?? (spec["items"] is JsonArray positions && i < positions.Count ? positions[i] as JsonObject : null);
            if (item is null)
            {
                return $"has {array.Count} items, more than the {(spec["items"] as JsonArray)?.Count ?? 0} allowed";
            }
            Value(array[i], item, $"{at}[{i}]", problems);
        }
        return null;
    }
}
