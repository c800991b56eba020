using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Workbook.Tests;

/// <summary>
/// A temporary folder outside the checkout for the runner tests' own notebooks, scripts and fake checkouts, deleted
/// afterwards together with any process id the test recorded that is still alive (so a failing test leaves no sleeper).
/// </summary>
internal sealed class Scratch : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("lowrank-runner-").FullName;

    public string PathOf(params string[] parts) => Path.Combine([Folder, .. parts]);

    /// <summary>The test's own artifacts root (what LOWRANK_ARTIFACTS names for the runner it starts); not created until written
    /// to.</summary>
    public string Artifacts => PathOf("artifacts-root");

    /// <summary>A checkout of its own: the solution file that marks it and this repository's tool manifest, nothing else; returns its
    /// root.</summary>
    public string Checkout(string name)
    {
        var root = PathOf(name);
        Directory.CreateDirectory(Path.Combine(root, ".config"));
        File.WriteAllText(Path.Combine(root, Repository.SolutionFile), "");
        var repository = Repository.Find(AppContext.BaseDirectory);
        File.Copy(Path.Combine(repository.Root, LocalTool.ManifestPath), Path.Combine(root, LocalTool.ManifestPath));
        return root;
    }

    /// <summary>Writes an nbformat 4.5 C# notebook whose code cells are <paramref name="cells"/>; returns its path.</summary>
    public string Notebook(string relativePath, params string[] cells)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var json = new JsonObject
        {
            ["cells"] = new JsonArray(cells.Select((source, i) => (JsonNode)new JsonObject
            {
                ["cell_type"] = "code",
                ["id"] = string.Create(CultureInfo.InvariantCulture, $"cell-{i + 1}"),
                ["metadata"] = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } },
                ["source"] = new JsonArray(source),
                ["execution_count"] = null,
                ["outputs"] = new JsonArray(),
            }).ToArray()),
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    /// <summary>A C# statement that starts <c>sleep 600</c> and writes its process id to <paramref name="pidFile"/>.</summary>
    public static string StartSleeper(string pidFile) =>
        $"var sleeper = System.Diagnostics.Process.Start(\"sleep\", \"600\"); System.IO.File.WriteAllText(@\"{pidFile}\", " +
            $"sleeper.Id.ToString());";

    /// <summary>Writes an executable bash script (by its absolute path, so it runs whatever the PATH holds); returns its path.</summary>
    public string Script(string relativePath, string body)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "#!/bin/bash\n" + body.ReplaceLineEndings("\n"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    /// <summary>Waits up to <paramref name="limit"/> for a file holding a process id; returns the id.</summary>
    public static async Task<int> WaitForPidAsync(string pidFile, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture, out var pid))
            {
                return pid;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{pidFile} was not written within {limit.TotalSeconds} s.");
    }

    /// <summary>The process ids written to the .pid files in the folder.</summary>
    public IEnumerable<int> RecordedPids() =>
        Directory.EnumerateFiles(Folder, "*.pid", SearchOption.AllDirectories)
            .Select(f => int.TryParse(File.ReadAllText(f).Trim(), CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0);

    /// <summary>True while the process runs (a zombie, dead but not yet reaped, counts as gone).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// True once the process is gone, checked for a few seconds: SIGKILL is immediate, but on a loaded machine a big
    /// process can take a moment to finish dying. A process that is still alive after that was not stopped.
    /// </summary>
    public static async Task<bool> GoneAsync(int pid)
    {
        var clock = Stopwatch.StartNew();
        while (IsAlive(pid))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(5))
            {
                return false;
            }
            await Task.Delay(100);
        }
        return true;
    }

    public void Dispose()
    {
        foreach (var pid in RecordedPids().Where(IsAlive))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (ArgumentException)
            {
            }
        }
        Directory.Delete(Folder, recursive: true);
    }
}
