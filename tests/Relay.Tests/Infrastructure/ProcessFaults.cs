using System.Diagnostics;
using Relay.Hosting;

namespace Relay.Tests.Infrastructure;

/// <summary>Crashes one instance the way the kernel would (kill -9), and waits for the engine to bring it back.</summary>
internal static class ProcessFaults
{
    /// <summary>SIGKILLs the instance's process (e.g. <c>wsbackend-0</c>); returns the pid it had.</summary>
    public static int Kill(this DistributedApplication app, string instance)
    {
        var pid = app.Instance(instance).ProcessId ?? throw new InvalidOperationException($"{instance} has no process.");
        using var process = Process.GetProcessById(pid);
        process.Kill();
        return pid;
    }

    /// <summary>Waits until the instance runs as a process other than <paramref name="oldPid"/> and its resource is healthy.</summary>
    public static async Task WaitForReplacementAsync(this DistributedApplication app, string resource, string instance, int oldPid)
    {
        using var deadline = new CancellationTokenSource(TestTimeouts.Recovery);
        while (app.Instance(instance) is not { State: ResourceState.Running, ProcessId: { } pid } || pid == oldPid)
        {
            Assert.False(deadline.IsCancellationRequested, $"{instance} was not replaced: {app.Instance(instance)}");
            await Task.Delay(100, deadline.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await app.WaitForResourceHealthyAsync(resource, deadline.Token);
    }

    public static ResourceSnapshot Instance(this DistributedApplication app, string instance) =>
        app.GetResources().Single(r => r.Instance == instance);
}
