using System.Globalization;

namespace Relay.Bench.Measurement;

/// <summary>What Linux's /proc says about a process and the machine.</summary>
internal static class ProcFs
{
    // The unit of the CPU times in /proc: USER_HZ, which Linux fixes at 100 for user space on every architecture.
    private const double TicksPerSecond = 100;

    /// <summary>User + system CPU time the process has used, from /proc/&lt;pid&gt;/stat.</summary>
    public static TimeSpan CpuTime(int pid)
    {
        var text = File.ReadAllText($"/proc/{pid}/stat");
        // "pid (comm) S ppid …": comm may hold spaces, so count fields after the last ')'. utime and stime are fields 14 and 15.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>Resident set size in KiB, from VmRSS in /proc/&lt;pid&gt;/status.</summary>
    public static long RssKiB(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no VmRSS.");
    }

    /// <summary>The process's command line, arguments joined by spaces.</summary>
    public static string CommandLine(int pid) =>
        File.ReadAllText($"/proc/{pid}/cmdline").TrimEnd('\0').Replace('\0', ' ');

    /// <summary>The 1-minute load average.</summary>
    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    /// <summary>(busy, total) jiffies of all CPUs since boot, from the first line of /proc/stat.</summary>
    public static (long Busy, long Total) MachineCpu()
    {
        // "cpu  user nice system idle iowait irq softirq steal guest guest_nice"; guest time is already in user.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var values = fields[1..9].Select(field => long.Parse(field, CultureInfo.InvariantCulture)).ToArray();
        var idle = values[3] + values[4];
        var total = values.Sum();
        return (total - idle, total);
    }
}
