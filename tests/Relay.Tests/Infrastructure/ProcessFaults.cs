using System.Diagnostics;

namespace Relay.Tests.Infrastructure;

/// <summary>Crashes one replica the way the kernel would (kill -9), and waits for the AppHost to bring it back.</summary>
internal static class ProcessFaults
{
    /// <summary>SIGKILLs the replica's service process; returns the pid DCP watched.</summary>
    public static int Kill(this RelayApp relay, string resource, int replica)
    {
        using var process = Process.GetProcessById(relay.ServiceProcessId(resource, replica));
        process.Kill();
        return relay.Replica(resource, replica).ProcessId!.Value;
    }

    /// <summary>
    /// The service's own process: the one DCP watches, or, where a project still runs under <c>dotnet run</c> (its
    /// build output was missing), that wrapper's child.
    /// </summary>
    public static int ServiceProcessId(this RelayApp relay, string resource, int replica)
    {
        var pid = relay.Replica(resource, replica).ProcessId ?? throw new InvalidOperationException($"{resource}[{replica}] has no process.");
        return ProcessTree.ChildrenOf(pid) is [var child] && ProcessTree.CommandLineOf(pid).StartsWith("dotnet run", StringComparison.Ordinal) ? child : pid;
    }

    /// <summary>Waits until the replica runs as a process other than <paramref name="oldPid"/> and is healthy.</summary>
    public static async Task WaitForReplacementAsync(this RelayApp relay, string resource, int replica, int oldPid)
    {
        await relay.Resources.WaitForAsync(resource, replica, r => r.IsRunning && r.ProcessId is { } pid && pid != oldPid, TestTimeouts.Recovery);
        await relay.WaitForResourceHealthyAsync(resource, TestTimeouts.After(TestTimeouts.Recovery));
    }
}
