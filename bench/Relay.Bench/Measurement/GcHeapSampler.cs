using System.Diagnostics;
using System.Globalization;

namespace Relay.Bench.Measurement;

/// <summary>
/// A .NET process's live GC heap, read with <c>dotnet-gcdump</c> (a global tool: <c>dotnet tool install -g
/// dotnet-gcdump</c>). Collecting a dump induces a full blocking GC first, so the figure is what is alive, not what
/// the GC happens to keep committed. Null when the tool is missing or fails: the caller reports RSS alone.
/// </summary>
internal static class GcHeapSampler
{
    private const string Tool = "dotnet-gcdump";
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    /// <summary>Where the tool is (on PATH, or in ~/.dotnet/tools), or null.</summary>
    public static string? ToolPath { get; } = Find();

    /// <returns>Live GC heap in KiB; null when it cannot be read (the reason goes to the console).</returns>
    public static async Task<long?> LiveHeapKiBAsync(int pid, CancellationToken cancellationToken)
    {
        if (ToolPath is null)
        {
            return null;
        }

        var file = Path.Combine(Path.GetTempPath(), $"relay-bench-{pid}-{Guid.NewGuid():N}.gcdump");
        try
        {
            var (collected, collectOutput) = await RunAsync(["collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", file], cancellationToken);
            if (!collected || !File.Exists(file))
            {
                Console.Error.WriteLine($"{Tool} collect -p {pid} failed: {collectOutput.Trim()}");
                return null;
            }

            // The report's first line: "    151,977,836  GC Heap bytes".
            var (reported, report) = await RunAsync(["report", file], cancellationToken);
            var line = reported ? report.Split('\n').FirstOrDefault(l => l.Contains("GC Heap bytes", StringComparison.Ordinal)) : null;
            if (line is null || !long.TryParse(line.Trim().Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var bytes))
            {
                Console.Error.WriteLine($"{Tool} report gave no heap size: {report.Trim()}");
                return null;
            }

            return bytes / 1024;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<(bool Succeeded, string Output)> RunAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(ToolPath!, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Tool} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            return (false, $"timed out after {s_timeout.TotalSeconds:F0} s");
        }

        return (process.ExitCode == 0, await output + await errors);
    }

    private static string? Find()
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools"));
        return folders.Select(folder => Path.Combine(folder, Tool)).FirstOrDefault(File.Exists);
    }
}
