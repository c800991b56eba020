using System.Globalization;
using System.Text;

namespace Workbook.Processes;

/// <summary>
/// What the runner reads from Linux's /proc: the running processes' ids and a process's files. A process can end or
/// belong to another user between listing and reading, so a read that fails gives null rather than an exception.
/// </summary>
internal static class ProcFs
{
    /// <summary>The ids of the running processes other than this one.</summary>
    public static IEnumerable<int> OtherProcesses() =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && pid != Environment.ProcessId);

    /// <summary>
    /// The fields of /proc/PID/stat after the command name, the state first and the parent id second; null once the
    /// process is gone. The command name is in parentheses and may hold spaces, so the fields start after the last ')'.
    /// </summary>
    public static string[]? StatFields(int pid)
    {
        if (Read(pid, "stat") is not { } bytes)
        {
            return null;
        }
        var stat = Encoding.UTF8.GetString(bytes);
        var end = stat.LastIndexOf(')');
        return end >= 0 && end + 2 <= stat.Length ? stat[(end + 2)..].Split(' ') : null;
    }

    /// <summary>The bytes of /proc/PID/<paramref name="file"/> (e.g. environ, cmdline); null once the process is gone or
    /// when it is another user's.</summary>
    public static byte[]? Read(int pid, string file)
    {
        try
        {
            return File.ReadAllBytes($"/proc/{pid}/{file}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
