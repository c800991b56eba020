using System.Text.Json.Nodes;

namespace Workbook.Notebooks;

/// <summary>
/// Where one notebook's executed copy goes. dotnet-repl writes to a temporary file in the same folder, which replaces
/// the copy only once the run finished, so an interrupted run leaves no half-written or stale copy behind.
/// </summary>
/// <param name="Path">The executed copy's path.</param>
internal sealed record ExecutedCopy(string Path)
{
    private const string PartialSuffix = ".partial.ipynb";

    /// <summary>A fresh temporary path next to <see cref="Path"/>, ending in .ipynb so dotnet-repl writes nbformat.</summary>
    public string NewTemporaryPath() =>
        System.IO.Path.Combine(Folder, $".{FileName}.{Guid.NewGuid():N}{PartialSuffix}");

    private string Folder => System.IO.Path.GetDirectoryName(Path)!;

    private string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>
    /// Deletes the copy and any temporary files an earlier interrupted run left, and checks the folder can take a new
    /// one; returns one line naming the path and the problem when it cannot, else null.
    /// </summary>
    public string? Clear() => Attempt(() =>
    {
        if (Directory.Exists(Path))
        {
            throw new IOException("it is a directory, so the executed copy cannot be written there");
        }
        Directory.CreateDirectory(Folder);
        File.Delete(Path);
        foreach (var partial in Directory.GetFiles(Folder, $".{FileName}.*{PartialSuffix}"))
        {
            File.Delete(partial);
        }
        // Root ignores permission bits, so only writing tells whether a folder (or its file system) takes files.
        var probe = NewTemporaryPath();
        File.WriteAllBytes(probe, []);
        File.Delete(probe);
    });

    /// <summary>
    /// Writes <paramref name="notebook"/> over the finished temporary file and moves it into place; returns one line
    /// naming the path and the problem when it cannot, else null.
    /// </summary>
    public string? Commit(string temporary, JsonObject notebook) => Attempt(() =>
    {
        NotebookDocument.Write(notebook, temporary);
        File.Move(temporary, Path, overwrite: true);
    });

    /// <summary>Deletes a temporary file if it is there; a failure to delete it is not worth failing a run for.</summary>
    public static void Discard(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind; the next run's Clear removes it.
        }
    }

    private string? Attempt(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot write the executed copy {Path}: {e.Message}";
        }
    }
}
