using System.Diagnostics;

namespace Relay.Tests.Infrastructure;

/// <summary>Crashes one replica the way the kernel would (kill -9), and waits for the AppHost to bring it back.</summary>
internal static class ProcessFaults
{
    /// <summary>
    /// SIGKILLs the replica's process (the service itself: the AppHost runs projects from their build output, not under
    /// <c>dotnet run</c>); returns its pid.
    /// </summary>
    public static int Kill(this RelayApp relay, string resource, int replica)
    {
        var pid = relay.Replica(resource, replica).ProcessId ?? throw new InvalidOperationException($"{resource}[{replica}] has no process.");
        using var process = Process.GetProcessById(pid);
        process.Kill();
        return pid;
    }

    /// <summary>Waits until the replica runs as a process other than <paramref name="oldPid"/> and is healthy.</summary>
    public static async Task WaitForReplacementAsync(this RelayApp relay, string resource, int replica, int oldPid)
    {
        await relay.Resources.WaitForAsync(resource, replica, r => r.IsRunning && r.ProcessId is { } pid && pid != oldPid, TestTimeouts.Recovery);
        await relay.WaitForResourceHealthyAsync(resource, TestTimeouts.After(TestTimeouts.Recovery));
    }
}
