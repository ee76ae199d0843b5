using Relay.Tests.Infrastructure;

namespace Relay.Tests.AppHost;

/// <summary>The AppHost as a person runs it: a separate process, stopped by a signal.</summary>
public sealed class AppHostProcessTests
{
    private const int ExpectedChildren = 6; // redis, api, wsbackend ×2, sender, receiver

    [Fact]
    public async Task CtrlC_StopsEveryChild_AndExitsZero()
    {
        await using var host = AppHostProcess.Start();
        await host.WaitUntilRunningAsync();
        var children = host.Children();
        Assert.Equal(ExpectedChildren, children.Count);
        Assert.Contains("http://127.0.0.1:", host.Output);

        host.Signal(AppHostProcess.SigInt);

        Assert.Equal(0, await host.WaitForExitAsync(TestTimeouts.Recovery));
        Assert.DoesNotContain(children, ProcStat.IsAlive);
    }

    [Fact]
    public async Task SigTerm_StopsEveryChild_AndExitsZero()
    {
        await using var host = AppHostProcess.Start();
        await host.WaitUntilRunningAsync();
        var children = host.Children();

        host.Signal(AppHostProcess.SigTerm);

        Assert.Equal(0, await host.WaitForExitAsync(TestTimeouts.Recovery));
        Assert.DoesNotContain(children, ProcStat.IsAlive);
    }

    [Fact]
    public async Task KilledAppHost_LeavesNoChildBehind()
    {
        await using var host = AppHostProcess.Start();
        await host.WaitUntilRunningAsync();
        var children = host.Children();
        Assert.Equal(ExpectedChildren, children.Count);

        host.Signal(AppHostProcess.SigKill);
        await host.WaitForExitAsync(TestTimeouts.Step);

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (children.Any(ProcStat.IsAlive) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.DoesNotContain(children, ProcStat.IsAlive);
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
        Assert.DoesNotContain("Press Ctrl+C", host.Output);
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
        Assert.DoesNotContain("Press Ctrl+C", host.Output);
    }
}
