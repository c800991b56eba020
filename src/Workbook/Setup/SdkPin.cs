using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbook.Setup;

/// <summary>The SDK a repository's global.json pins.</summary>
/// <param name="Version">The pinned version (its pre-release label dropped).</param>
/// <param name="Text">The version as global.json writes it.</param>
/// <param name="RollForward">global.json's rollForward, or the SDK's default, latestPatch.</param>
internal sealed record SdkPin(Version Version, string Text, string RollForward)
{
    /// <summary>The pin in <paramref name="root"/>'s global.json, or null when there is no such file or it pins no version.</summary>
    /// <exception cref="InvalidDataException">global.json is not valid JSON, or its version is not a version number.</exception>
    public static SdkPin? Read(string root)
    {
        var path = Path.Combine(root, "global.json");
        if (!File.Exists(path))
        {
            return null;
        }
        JsonNode? sdk;
        try
        {
            sdk = JsonNode.Parse(File.ReadAllText(path),
                documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })?["sdk"];
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {e.Message.ReplaceLineEndings(" ")}", e);
        }
        if ((string?)sdk?["version"] is not { } text)
        {
            return null;
        }
        return Parse(text) is { } version
            ? new SdkPin(version, text, (string?)sdk["rollForward"] ?? "latestPatch")
            : throw new InvalidDataException($"{path} pins the SDK version '{text}', which is not a version number.");
    }

    /// <summary>An SDK version such as 10.0.100 or 10.0.100-rc.1.25451.107, without its label; null when it is not one.</summary>
    public static Version? Parse(string text) =>
        Version.TryParse(text.Split('-')[0], out var version) && version.Build >= 0 ? version : null;

    private string Band => string.Create(CultureInfo.InvariantCulture, $"{Version.Major}.{Version.Minor}");

    /// <summary>The SDKs this pin accepts, in words: exactly it, a later patch of its feature band, or a later release
    /// of its major.minor.</summary>
    private string Accepted => RollForward switch
    {
        "disable" => $"exactly {Text}",
        "patch" or "latestPatch" => string.Create(CultureInfo.InvariantCulture, $"{Text} or a later {Band}.{Version.Build / 100}xx patch"),
        _ => $"{Text} or a later {Band} release",
    };

    /// <summary>What to install when no installed SDK satisfies the pin.</summary>
    public string Fix => $"install the .NET SDK {Accepted} from https://dotnet.microsoft.com/download/dotnet/{Band}, then open a new " +
        $"terminal";

    /// <inheritdoc/>
    public override string ToString() => $"global.json ({Text}, rollForward {RollForward})";
}
