namespace Relay.Tests.Infrastructure;

/// <summary>Processes by parent, read from /proc.</summary>
internal static class ProcessTree
{
    public static IReadOnlyList<int> ChildrenOf(int parent) =>
        [.. AllPids().Where(pid => ProcStat.TryRead(pid, out var stat) && stat.ParentId == parent && stat.State != 'Z')];

    /// <summary>Every live process below <paramref name="root"/>.</summary>
    public static IReadOnlyList<int> DescendantsOf(int root)
    {
        var byParent = AllPids()
            .Select(pid => (pid, ok: ProcStat.TryRead(pid, out var stat), stat))
            .Where(p => p.ok && p.stat.State != 'Z')
            .ToLookup(p => p.stat.ParentId, p => p.pid);
        var found = new List<int>();
        var pending = new Queue<int>([root]);
        while (pending.TryDequeue(out var parent))
        {
            foreach (var child in byParent[parent])
            {
                found.Add(child);
                pending.Enqueue(child);
            }
        }

        return found;
    }

    /// <summary>Processes whose command line contains <paramref name="text"/>.</summary>
    public static IReadOnlyList<int> WithCommandLineContaining(string text) =>
        [.. AllPids().Where(pid => CommandLineOf(pid).Contains(text, StringComparison.Ordinal))];

    public static string CommandLineOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static IEnumerable<int> AllPids() =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Select(n => int.TryParse(n, out var pid) ? pid : 0).Where(pid => pid > 0);
}
