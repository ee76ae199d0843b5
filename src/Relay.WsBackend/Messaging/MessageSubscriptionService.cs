using Microsoft.Extensions.Hosting;
using Relay.WsBackend.Presence;

namespace Relay.WsBackend.Messaging;

/// <summary>
/// Runs the delivery loop and feeds it the broker subscription for the lifetime of the host. It stops after the
/// sockets were closed (<see cref="Connections.ConnectionShutdownService"/> closes them while the host is stopping),
/// so their ends still go through the loop; then the subscription ends first, the loop last.
/// </summary>
internal sealed class MessageSubscriptionService(IMessageSubscriber subscriber, DeliveryLoop loop, PresenceEventRelay presence) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        loop.Start();
        return subscriber.StartAsync(loop.Publish, presence.Relay, loop.Resync, cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await subscriber.StopAsync(cancellationToken);
        await loop.StopAsync(cancellationToken);
    }
}
