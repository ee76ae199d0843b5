using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Relay.Tests.Infrastructure;

/// <summary>
/// The real AppHost as a separate process (the way `dotnet run` starts it), on free ports and
/// with its state in a temp folder. Disposal kills it and whatever it started.
/// </summary>
public sealed partial class AppHostProcess : IAsyncDisposable
{
    public const int SigKill = 9;
    public const int SigInt = 2;
    public const int SigTerm = 15;

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _stateDirectory;
    private readonly TaskCompletionSource _allRunning = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<int> _seenChildren = [];

    private AppHostProcess(Process process, string stateDirectory)
    {
        _process = process;
        _stateDirectory = stateDirectory;
    }

    public int Id => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static AppHostProcess Start(string? path = null, params string[] extraArguments)
    {
        var state = Directory.CreateTempSubdirectory("relay-apphost-").FullName;
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = state,
        };
        start.ArgumentList.Add(new Projects.Relay_AppHost().TargetPath);
        foreach (var resource in new[] { "sender", "receiver", "api" })
        {
            start.ArgumentList.Add($"--Ports:{resource}={FreePort()}");
        }

        start.ArgumentList.Add($"--Relay:StateDirectory={state}");
        foreach (var dashboardPort in new[] { "FrontendPort", "OtlpGrpcPort", "OtlpHttpPort" })
        {
            start.ArgumentList.Add($"--Dashboard:{dashboardPort}=0");
        }
        foreach (var argument in extraArguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("ConnectionStrings__redis");
        if (path is not null)
        {
            start.Environment["PATH"] = path;
        }

        var process = new Process { StartInfo = start };
        var host = new AppHostProcess(process, state);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits for the AppHost's "all running" table.</summary>
    public async Task WaitUntilRunningAsync()
    {
        var exited = _process.WaitForExitAsync();
        var finished = await Task.WhenAny(_allRunning.Task, exited).WaitAsync(TestTimeouts.AppStart);
        if (finished != _allRunning.Task)
        {
            Assert.Fail($"The AppHost exited ({_process.ExitCode}) before all was running:\n{Output}");
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>The AppHost's direct children that are alive now (zombies count as gone).</summary>
    public IReadOnlyList<int> Children()
    {
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && ProcStat.TryRead(pid, out var stat)
                && stat.ParentId == _process.Id && stat.State != 'Z')
            {
                children.Add(pid);
            }
        }

        lock (_seenChildren)
        {
            _seenChildren.UnionWith(children);
        }

        return children;
    }

    public void Signal(int signal) => Assert.Equal(0, Kill(_process.Id, signal));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill(_process.Id, SigKill);
            await _process.WaitForExitAsync().WaitAsync(TestTimeouts.Step).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        int[] children;
        lock (_seenChildren)
        {
            children = [.. _seenChildren];
        }

        foreach (var child in children.Where(ProcStat.IsAlive))
        {
            Kill(child, SigKill);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Contains("Press Ctrl+C to stop", StringComparison.Ordinal))
        {
            _allRunning.TrySetResult();
        }
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : File.Exists("/usr/share/dotnet/dotnet") ? "/usr/share/dotnet/dotnet" : "dotnet";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
