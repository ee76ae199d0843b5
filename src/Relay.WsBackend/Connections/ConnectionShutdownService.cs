using System.Net.WebSockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Relay.WsBackend.Options;

namespace Relay.WsBackend.Connections;

/// <summary>
/// Closes every socket with 1012 "service restart" when the host begins to stop, before Kestrel stops:
/// clients then know to reconnect (to another replica) instead of seeing their connection reset.
/// </summary>
/// <remarks>
/// <see cref="IHostedLifecycleService.StoppingAsync"/> runs right after <c>ApplicationStopping</c> fires and
/// before any hosted service (Kestrel's included) stops, and unlike an ApplicationStopping callback it may await.
/// </remarks>
internal sealed class ConnectionShutdownService(
    ConnectionTracker tracker,
    IOptions<WsBackendOptions> options,
    ILogger<ConnectionShutdownService> logger) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var count = tracker.Count;
        Log.ClosingAllConnections(logger, count);
        var stillOpen = await tracker.CloseAllAsync(CloseCodes.ServiceRestart, "service restart", options.Value.CloseTimeout);
        if (stillOpen > 0)
        {
            Log.ConnectionsLeftOpen(logger, stillOpen);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
