using System.Globalization;

namespace Relay.Tests.Infrastructure;

/// <summary>
/// Samples one process's resident set size (VmRSS of /proc/&lt;pid&gt;/status) every few milliseconds until
/// disposed, and keeps the peak.
/// </summary>
internal sealed class RssSampler : IAsyncDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peak;

    private RssSampler(int pid, TimeSpan interval)
    {
        _pid = pid;
        _peak = Read(pid);
        _loop = Task.Run(() => SampleAsync(interval));
    }

    /// <summary>The highest RSS seen so far, in bytes.</summary>
    public long PeakBytes => Interlocked.Read(ref _peak);

    public static RssSampler Start(int pid, TimeSpan interval) => new(pid, interval);

    /// <summary>The process's RSS now, in bytes; fails if the process is gone.</summary>
    public static long Read(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            // "VmRSS:     123456 kB"
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no VmRSS line.");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task SampleAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            var rss = Read(_pid);
            if (rss > Interlocked.Read(ref _peak))
            {
                Interlocked.Exchange(ref _peak, rss);
            }
        }
    }
}
