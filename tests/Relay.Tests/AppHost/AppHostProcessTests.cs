using Relay.Tests.Infrastructure;

namespace Relay.Tests.AppHost;

/// <summary>The AppHost as a person runs it (`dotnet run`), stopped by a signal; every process it and DCP started must go.</summary>
[Trait("Category", "AppHost")]
public sealed class AppHostProcessTests
{
    // redis-server and five service processes (api, wsbackend ×2, sender, receiver), each under its `dotnet run`.
    private const int ServiceProcesses = 6;

    [Fact]
    public async Task CtrlC_StopsEveryChild_AndExitsZero()
    {
        await using var host = AppHostProcess.Start();
        await host.WaitUntilRunningAsync();
        var children = host.Children();
        Assert.True(children.Count > ServiceProcesses, $"Only {children.Count} processes were found.");
        Assert.Contains("/login?t=", host.Output);
        Assert.Contains("sender: http://", host.Output);
        Assert.Contains("api (Flow): http://", host.Output);

        var stopping = System.Diagnostics.Stopwatch.StartNew();
        host.Signal(AppHostProcess.SigInt);

        // About 9.5 s on an idle machine, most of it the services' stop under DCP (they end together ~6.4 s after the
        // signal); the bound leaves room for the suite's other collections loading both cores. It is for "everything
        // goes", not a timing claim.
        await WaitUntilGoneAsync(children, TimeSpan.FromSeconds(30));
        TestContext.Current.TestOutputHelper?.WriteLine($"Ctrl+C: {children.Count} processes gone after {stopping.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(0, await host.WaitForExitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task KilledAppHost_LeavesNoChildBehind()
    {
        await using var host = AppHostProcess.Start();
        await host.WaitUntilRunningAsync();
        var children = host.Children();
        Assert.True(children.Count > ServiceProcesses, $"Only {children.Count} processes were found.");
        var secrets = SecretsFolderOf(children);

        var stopping = System.Diagnostics.Stopwatch.StartNew();
        host.Signal(AppHostProcess.SigKill);

        // DCP watches the AppHost's pid and stops everything it started.
        await WaitUntilGoneAsync(children, TimeSpan.FromSeconds(30));
        TestContext.Current.TestOutputHelper?.WriteLine($"SIGKILL: {children.Count} processes gone after {stopping.Elapsed.TotalSeconds:0.0} s");

        // A killed AppHost cannot remove its owner-only secrets folder (docs/security.md): the test does.
        Assert.NotNull(secrets);
        Directory.Delete(secrets, recursive: true);
    }

    /// <summary>The per-run folder of secret files (the parent of a service's <c>RELAY_SECRETS_DIR</c>).</summary>
    private static string? SecretsFolderOf(IEnumerable<int> processes)
    {
        foreach (var pid in processes)
        {
            try
            {
                var variable = File.ReadAllText($"/proc/{pid}/environ").Split('\0')
                    .FirstOrDefault(v => v.StartsWith(Relay.Contracts.SecretFiles.DirectoryVariable + "=", StringComparison.Ordinal));
                if (variable is not null)
                {
                    return Path.GetDirectoryName(variable[(variable.IndexOf('=') + 1)..]);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }

        return null;
    }

    [Fact]
    public async Task WithoutRedisServerOnPath_ExitsNonZero_WithTheInstallCommand()
    {
        var emptyPath = Directory.CreateTempSubdirectory("relay-empty-path-").FullName;
        await using var host = AppHostProcess.Start(path: emptyPath);

        var exitCode = await host.WaitForExitAsync(TestTimeouts.Step * 2);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("redis-server was not found", host.Output);
        Assert.Contains("apt-get install redis-server", host.Output);
        Assert.Contains("ConnectionStrings__redis", host.Output);
        Assert.DoesNotContain("Relay is running", host.Output);
        Directory.Delete(emptyPath);
    }

    [Fact]
    public async Task TakenPort_ExitsNonZero_NamingThePortAndTheSetting_BeforeStartingAnything()
    {
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, AppHostProcess.FreePort());
        squatter.Start();
        var port = ((System.Net.IPEndPoint)squatter.LocalEndpoint).Port;
        await using var host = AppHostProcess.Start(extraArguments: $"--Ports:receiver={port}");

        var exitCode = await host.WaitForExitAsync(TestTimeouts.Step * 2);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), host.Output);
        Assert.Contains("Ports:receiver", host.Output);
        Assert.DoesNotContain("Relay is running", host.Output);
    }

    private static async Task WaitUntilGoneAsync(IReadOnlyList<int> processes, TimeSpan within)
    {
        using var deadline = new CancellationTokenSource(within);
        while (processes.Any(ProcStat.IsAlive) && !deadline.IsCancellationRequested)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        var alive = processes.Where(ProcStat.IsAlive).Select(pid => $"{pid} {ProcessTree.CommandLineOf(pid)}").ToList();
        Assert.True(alive.Count == 0, $"Still alive after {within.TotalSeconds} s: {string.Join("; ", alive)}");
    }
}
