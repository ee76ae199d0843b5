using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Relay.Bench.Hosting;

/// <summary>
/// One process a peer stack is made of (redis-server, node, dotnet), its output appended to a log file, waited on
/// until it answers, and killed with its whole tree on disposal.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private bool _logClosed;

    private ChildProcess(string name, Process process, StreamWriter log)
    {
        Name = name;
        _process = process;
        _log = log;
    }

    /// <summary>The name of its CPU row and of its log file.</summary>
    public string Name { get; }

    public int ProcessId => _process.Id;

    /// <summary>The program and arguments, for the results (which build or version ran).</summary>
    public string CommandLine => Measurement.ProcFs.CommandLine(_process.Id);

    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logFolder, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        Directory.CreateDirectory(logFolder);
        var log = new StreamWriter(Path.Combine(logFolder, name + ".log"), append: false) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name}: {fileName} did not start.");
        var child = new ChildProcess(name, process, log);
        process.OutputDataReceived += (_, line) => child.Write(line.Data);
        process.ErrorDataReceived += (_, line) => child.Write(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Until a GET of <paramref name="uri"/> answers 2xx.</summary>
    public async Task WaitForHttpAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };
        await WaitAsync(uri.ToString(), async () =>
        {
            try
            {
                using var response = await http.GetAsync(uri, cancellationToken);
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }, cancellationToken);
    }

    /// <summary>Until the loopback <paramref name="port"/> accepts a TCP connection.</summary>
    public async Task WaitForTcpAsync(int port, CancellationToken cancellationToken) =>
        await WaitAsync($"127.0.0.1:{port}", async () =>
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        finally
        {
            _process.Dispose();
            lock (_log)
            {
                _logClosed = true;
                _log.Dispose();
            }
        }
    }

    private async Task WaitAsync(string what, Func<Task<bool>> answers, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(s_startTimeout.TotalSeconds * Stopwatch.Frequency);
        while (!await answers())
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} (see its log).");
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"{Name} did not answer on {what} within {s_startTimeout.TotalSeconds} s.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            if (!_logClosed)
            {
                _log.WriteLine(line);
            }
        }
    }
}
