using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Relay.Tests.Infrastructure;

/// <summary>
/// The real AppHost as a person starts it (`dotnet run --project src/Relay.AppHost`, http launch profile), on free
/// ports and with its state in a temp folder. Disposal kills it and whatever it and DCP started.
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

    /// <summary>The AppHost itself, below `dotnet run`.</summary>
    public int AppHostId => ProcessTree.ChildrenOf(_process.Id).FirstOrDefault(pid => ProcessTree.CommandLineOf(pid).Contains("Relay.AppHost", StringComparison.Ordinal));

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
        // Through env(1) with SIGINT back to its default: a test run started in the background of a script (as CI may
        // start it) inherits SIGINT ignored, .NET keeps an ignored SIGINT ignored, and the AppHost would not hear Ctrl+C.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = state,
        };
        foreach (var argument in new[] { "--default-signal=INT", DotnetHost(), "run", "--no-build", "--project", Projects.Relay_AppHost.ProjectPath, "--" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var resource in new[] { "sender", "receiver", "api" })
        {
            start.ArgumentList.Add($"--Ports:{resource}={FreePort()}");
        }

        start.ArgumentList.Add($"--Relay:StateDirectory={state}");
        start.ArgumentList.Add($"--ASPNETCORE_URLS=http://127.0.0.1:{FreePort()}");
        start.ArgumentList.Add($"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:{FreePort()}");
        start.ArgumentList.Add($"--ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:{FreePort()}");
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

    /// <summary>Waits for the AppHost's "Relay is running" report of URLs (every resource healthy).</summary>
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

    /// <summary>
    /// Every live process the run started: below `dotnet run`, and below DCP, which runs apart from the AppHost
    /// (`dcp start-apiserver --monitor &lt;apphost pid&gt;`) and starts Redis and the services.
    /// </summary>
    public IReadOnlyList<int> Children()
    {
        var appHost = AppHostId;
        var dcp = appHost == 0 ? [] : ProcessTree.WithCommandLineContaining($"--monitor {appHost} ");
        var children = ProcessTree.DescendantsOf(_process.Id).Concat(dcp).Concat(dcp.SelectMany(ProcessTree.DescendantsOf)).Distinct().ToList();

        lock (_seenChildren)
        {
            _seenChildren.UnionWith(children);
        }

        return children;
    }

    /// <summary>Signals the AppHost as a terminal's Ctrl+C would (`dotnet run` only waits for it).</summary>
    public void Signal(int signal) => Assert.Equal(0, Kill(AppHostId, signal));

    public async ValueTask DisposeAsync()
    {
        Children();
        if (!_process.HasExited)
        {
            if (AppHostId is > 0 and var appHost)
            {
                Kill(appHost, SigKill);
            }

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

        if (line.Contains("Relay is running.", StringComparison.Ordinal))
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
