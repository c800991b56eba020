using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbook.Notebooks;

/// <summary>One output of an executed code cell, as nbformat 4 stores it.</summary>
/// <param name="OutputType">stream, display_data, execute_result or error.</param>
/// <param name="Data">MIME type to content, for display_data and execute_result.</param>
/// <param name="StreamName">stdout or stderr, for stream outputs.</param>
/// <param name="Text">The text of a stream output.</param>
/// <param name="ErrorName">The error's name, for error outputs.</param>
/// <param name="ErrorValue">The error's message, for error outputs.</param>
internal sealed record CellOutput(
    string OutputType,
    IReadOnlyDictionary<string, string> Data,
    string? StreamName,
    string? Text,
    string? ErrorName,
    string? ErrorValue)
{
    private const string InstallingPackages = "<strong>Installing Packages</strong>";

    /// <summary>
    /// True for the kernel's "Installing Packages" progress, which a cell with <c>#r "nuget:"</c> displays again each
    /// time its progress dots advance, the more often the longer the restore takes, before its "Installed Packages" list.
    /// </summary>
    public bool IsPackageProgress =>
        Data.TryGetValue("text/html", out var html) && html.Contains(InstallingPackages, StringComparison.Ordinal);
}

/// <summary>A cell of a notebook with its outputs.</summary>
/// <param name="Number">Its position in the notebook, counting from 1 over all cells.</param>
/// <param name="CellType">code, markdown or raw.</param>
/// <param name="Source">The cell's source text.</param>
/// <param name="Outputs">Its outputs, empty for markdown and unexecuted cells.</param>
internal sealed record NotebookCell(int Number, string CellType, string Source, IReadOnlyList<CellOutput> Outputs)
{
    /// <summary>The tag that marks a cell whose outputs are measurements of the machine (timings), so no two runs agree on them.</summary>
    public const string MeasurementTag = "measurement";

    /// <summary>The kernel the cell's metadata names (<c>csharp</c>, <c>fsharp</c>, ...), or null when it names none.</summary>
    public string? Kernel { get; init; }

    /// <summary>The cell's nbformat tags (<c>metadata.tags</c>).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>True for a cell tagged <see cref="MeasurementTag"/>: its outputs are compared across runs only in
    /// shape, not in value.</summary>
    public bool IsMeasurement => Tags.Contains(MeasurementTag);

    /// <summary>The first non-blank line of the source, to name the cell in a report.</summary>
    public string FirstLine => Source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "(empty cell)";

    /// <summary>
    /// What the cell printed (its stream outputs) as one text: kernels split a cell's printing into outputs differently,
    /// so comparisons across kernels join them first.
    /// </summary>
    public string StreamText => string.Concat(Outputs.Where(o => o.OutputType == "stream").Select(o => o.Text));
}

/// <summary>A cell that failed: an error output.</summary>
/// <param name="Cell">The failing cell.</param>
/// <param name="Name">The error's name.</param>
/// <param name="Message">The error message.</param>
internal sealed record CellError(NotebookCell Cell, string Name, string Message)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"cell {Cell.Number} ({Cell.FirstLine}): {Name}: {string.Join('\n', Message.Split('\n').Take(6)).TrimEnd()}";
}

/// <summary>A notebook file, as committed or as executed, read as nbformat 4 JSON, with helpers for what the runner
/// and the tests look for.</summary>
/// <param name="Path">Where it was read from.</param>
/// <param name="Json">The whole document.</param>
/// <param name="Cells">Its cells in order.</param>
internal sealed record NotebookDocument(string Path, JsonObject Json, IReadOnlyList<NotebookCell> Cells)
{
    /// <summary>
    /// The numbers of the cells tagged <see cref="NotebookCell.MeasurementTag"/>. Read them from the source notebook:
    /// dotnet-repl does not keep cell tags in the executed copy it writes.
    /// </summary>
    public IReadOnlySet<int> MeasurementCells => Cells.Where(c => c.IsMeasurement).Select(c => c.Number).ToHashSet();

    /// <summary>Reads a notebook; throws <see cref="InvalidDataException"/> naming the file when it is not nbformat JSON.</summary>
    public static NotebookDocument Load(string path)
    {
        var text = File.ReadAllText(path);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidDataException($"{path} is empty ({new FileInfo(path).Length} bytes), not a notebook.");
        }
        JsonObject json;
        try
        {
            json = JsonNode.Parse(text) as JsonObject
                ?? throw new InvalidDataException($"{path} is JSON but not an object, so not a notebook.");
        }
        catch (System.Text.Json.JsonException e)
        {
            // The parser quotes the offending text, line breaks and all; a report line must stay one line.
            throw new InvalidDataException($"{path} is not valid JSON: {e.Message.ReplaceLineEndings(" ")}", e);
        }
        var cells = (json["cells"] as JsonArray
                ?? throw new InvalidDataException($"{path} has no 'cells' array, so it is not a notebook."))
            .Select((cell, i) => ReadCell(i + 1, cell as JsonObject
                ?? throw new InvalidDataException($"{path}: cell {i + 1} is {Kind(cell)}, not a JSON object."), path))
            .ToArray();
        return new NotebookDocument(path, json, cells);
    }

    // How nbformat and dotnet-repl write a notebook: indented by one space, text unescaped, lines ending in \n.
    private static readonly JsonSerializerOptions NbformatStyle = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// A copy of the document without the kernel's package progress (<see cref="CellOutput.IsPackageProgress"/>), as a
    /// live front end leaves it on screen: each cell that restores packages keeps its final "Installed Packages" list.
    /// </summary>
    public JsonObject WithoutPackageProgress()
    {
        var json = Json.DeepClone().AsObject();
        foreach (var outputs in (json["cells"] as JsonArray ?? []).Select(c => c?["outputs"]).OfType<JsonArray>())
        {
            outputs.RemoveAll(o => o is JsonObject output && ReadOutput(output).IsPackageProgress);
        }
        return json;
    }

    /// <summary>Writes <paramref name="json"/> to <paramref name="path"/> as nbformat and dotnet-repl write a
    /// notebook, so only what changed shows in a diff.</summary>
    public static void Write(JsonObject json, string path)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        File.WriteAllText(path, json.ToJsonString(NbformatStyle));
    }

    /// <summary>
    /// Every error output, in cell order. Writes to standard error are not errors: dotnet-repl records them as stdout,
    /// so they could not be told apart anyway.
    /// </summary>
    public IReadOnlyList<CellError> Errors =>
        Cells.SelectMany(cell => cell.Outputs
                .Where(o => o.OutputType == "error")
                .Select(o => new CellError(cell, o.ErrorName ?? "error", o.ErrorValue ?? "")))
            .ToArray();

    /// <summary>Everything the cells printed as text (streams and text/plain), in order, for checks on values.</summary>
    public string PrintedText => string.Join("\n", Cells.SelectMany(c => c.Outputs)
        .Select(o => o.Text ?? o.Data.GetValueOrDefault("text/plain"))
        .Where(t => t is not null));

    /// <summary>Every line the cells printed (stream outputs only, not returned values), in order.</summary>
    public IEnumerable<string> PrintedLines => Cells.SelectMany(c => c.StreamText.Split('\n')).Select(l => l.TrimEnd('\r'));

    /// <summary>Every text/html output, in order.</summary>
    public IEnumerable<string> HtmlOutputs =>
        Cells.SelectMany(c => c.Outputs).Select(o => o.Data.GetValueOrDefault("text/html")).OfType<string>();

    // Each field is checked for its nbformat type, so a malformed notebook fails by name in one line, whatever it holds.
    private static NotebookCell ReadCell(int number, JsonObject cell, string path)
    {
        var where = $"{path}: cell {number}";
        var outputs = Array(cell, "outputs", where)
            .Select((o, i) => ReadOutput(o as JsonObject
                ?? throw new InvalidDataException($"{where}: output {i + 1} is {Kind(o)}, not a JSON object."), $"{where}, output {i + 1}"))
            .ToArray();
        var metadata = cell["metadata"] switch
        {
            null => null,
            JsonObject o => o,
            var other => throw new InvalidDataException($"{where}: 'metadata' is {Kind(other)}, not a JSON object."),
        };
        var tags = (metadata is null ? [] : Array(metadata, "tags", where))
            .Select(t => t is JsonValue v && v.TryGetValue<string>(out var tag)
                ? tag
                : throw new InvalidDataException($"{where}: a tag is {Kind(t)}, not a string."))
            .ToArray();
        var source = JoinText(cell["source"], $"{where}, 'source'") ?? "";
        return new NotebookCell(number, Text(cell, "cell_type", where) ?? "", source, outputs)
        {
            Tags = tags,
            Kernel = KernelOf(metadata),
        };
    }

    private static CellOutput ReadOutput(JsonObject output, string where = "an output")
    {
        var data = output["data"] switch
        {
            null => [],
            JsonObject o => o,
            var other => throw new InvalidDataException($"{where}: 'data' is {Kind(other)}, not a JSON object."),
        };
        return new CellOutput(
            Text(output, "output_type", where) ?? "",
            data.ToDictionary(p => p.Key, p => JoinText(p.Value, $"{where}, '{p.Key}'") ?? ""),
            Text(output, "name", where),
            JoinText(output["text"], $"{where}, 'text'"),
            Text(output, "ename", where),
            Text(output, "evalue", where));
    }

    // The kernel a Polyglot cell runs in (polyglot_notebook.kernelName, or dotnet_interactive.language in older files).
    private static string? KernelOf(JsonObject? metadata) =>
        (metadata?["polyglot_notebook"] as JsonObject)?["kernelName"] is JsonValue kernel && kernel.TryGetValue<string>(out var name)
            ? name
            : (metadata?["dotnet_interactive"] as JsonObject)?["language"] is JsonValue language
                && language.TryGetValue<string>(out var old)
                ? old
                : null;

    private static JsonArray Array(JsonObject node, string key, string where) => node[key] switch
    {
        null => [],
        JsonArray array => array,
        var other => throw new InvalidDataException($"{where}: '{key}' is {Kind(other)}, not an array."),
    };

    private static string? Text(JsonObject node, string key, string where) => node[key] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        var other => throw new InvalidDataException($"{where}: '{key}' is {Kind(other)}, not a string."),
    };

    private static string Kind(JsonNode? node) => node is null ? "null" : node.GetValueKind() switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {node.ToJsonString()}",
        var kind => kind.ToString().ToLowerInvariant(),
    };

    // nbformat allows multi-line strings as one string or as an array of lines; a rich output's JSON data is kept as JSON.
    private static string? JoinText(JsonNode? node, string where) => node switch
    {
        null => null,
        JsonArray lines => string.Concat(lines.Select(l => l is JsonValue v && v.TryGetValue<string>(out var line)
            ? line
            : throw new InvalidDataException($"{where}: a line is {Kind(l)}, not a string."))),
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };
}
