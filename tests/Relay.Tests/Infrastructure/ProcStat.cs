using System.Globalization;

namespace Relay.Tests.Infrastructure;

/// <summary>The state and parent of a process, read from /proc/&lt;pid&gt;/stat.</summary>
internal readonly record struct ProcStat(char State, int ParentId)
{
    public static bool TryRead(int pid, out ProcStat stat)
    {
        stat = default;
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }

        // "pid (comm) S ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        stat = new ProcStat(fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>Alive: it exists and is not a zombie waiting to be reaped.</summary>
    public static bool IsAlive(int pid) => TryRead(pid, out var stat) && stat.State != 'Z';
}
