using Microsoft.Extensions.Hosting;

namespace Relay.WsBackend.Messaging;

/// <summary>Connects the broker subscription to the fan-out for the lifetime of the host.</summary>
internal sealed class MessageSubscriptionService(IMessageSubscriber subscriber, MessageFanOut fanOut) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => subscriber.StartAsync(fanOut.Publish, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => subscriber.StopAsync(cancellationToken);
}
