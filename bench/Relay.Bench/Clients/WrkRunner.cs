using System.Diagnostics;
using System.Globalization;

namespace Relay.Bench.Clients;

/// <summary>
/// Runs <c>wrk</c> with bench/peers/wrk/ingest.lua against a <c>POST /api/messages</c>, under <c>bash</c> so that
/// the shell's <c>times</c> reports wrk's own CPU after it exits (its /proc entry is gone by then).
/// </summary>
internal static class WrkRunner
{
    /// <summary>The variable ingest.lua reads: how many channels its POSTs cycle through.</summary>
    public const string ChannelsVariable = "RELAY_BENCH_INGEST_CHANNELS";

    public static async Task<WrkResult> RunAsync(
        string script, Uri messages, int threads, int connections, int seconds, int channels, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                [BenchCredentials.ApiKeyVariable] = BenchCredentials.ApiKey,
                [ChannelsVariable] = channels.ToString(CultureInfo.InvariantCulture),
            },
        };
        foreach (var argument in new[]
        {
            "-c", "wrk \"$@\"; status=$?; times; exit $status", "wrk",
            "-t", $"{threads}", "-c", $"{connections}", "-d", $"{seconds}s", "--timeout", "10s", "-s", script, messages.ToString(),
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start.");
        var output = wrk.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = wrk.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await wrk.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            wrk.Kill(entireProcessTree: true);
            throw;
        }

        var text = await output;
        var result = wrk.ExitCode == 0 ? WrkResult.Parse(text, ChildrenCpu(text)) : null;
        return result ?? throw new InvalidOperationException($"wrk failed (exit code {wrk.ExitCode}): {text}{await errors}");
    }

    // `times` prints the shell's user and system time, then its children's: "0m1.234s 0m0.567s".
    private static TimeSpan ChildrenCpu(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var children = lines[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return children.Length == 2 ? Duration(children[0]) + Duration(children[1]) : TimeSpan.Zero;
    }

    private static TimeSpan Duration(string text)
    {
        var minutes = text.IndexOf('m', StringComparison.Ordinal);
        return TimeSpan.FromMinutes(int.Parse(text[..minutes], CultureInfo.InvariantCulture))
            + TimeSpan.FromSeconds(double.Parse(text[(minutes + 1)..].TrimEnd('s'), CultureInfo.InvariantCulture));
    }
}
