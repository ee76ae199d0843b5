using Microsoft.Extensions.Hosting;

namespace Relay.Dashboard.Hosting;

/// <summary>
/// The dashboard lives inside the AppHost process, which owns Ctrl+C and SIGTERM: the default console
/// lifetime would stop the dashboard on its own, before the AppHost disposes it in order.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
