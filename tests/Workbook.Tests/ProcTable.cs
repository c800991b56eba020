using System.Globalization;

namespace Workbook.Tests;

/// <summary>What the process tests read from Linux's /proc: a process's children, parent and process group.</summary>
internal static class ProcTable
{
    /// <summary>The processes whose parent is <paramref name="parent"/>.</summary>
    public static int[] ChildrenOf(int parent) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && ParentOf(pid) == parent)
            .ToArray();

    /// <summary>The parent's id, or 0 once the process is gone.</summary>
    public static int ParentOf(int pid) => StatField(pid, 1);

    /// <summary>The process group's id, or 0 once the process is gone.</summary>
    public static int GroupOf(int pid) => StatField(pid, 2);

    // The fields after the command name, which is in parentheses and may hold spaces: state, parent id, group id, ...
    private static int StatField(int pid, int index)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[index], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
