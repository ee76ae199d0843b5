using Relay.Contracts;

namespace Relay.WsBackend.Messaging;

/// <summary>
/// Receives the messages published to every Relay channel, for this replica to fan out to its sockets.
/// </summary>
/// <remarks>
/// Delivery is <b>at most once</b>: a message published while this replica is disconnected from the broker
/// is lost, never replayed (history and recovery come with the delivery-guarantees work). Messages are handed
/// over one at a time, in the order the broker delivered them, so one channel's messages stay in publish order.
/// </remarks>
public interface IMessageSubscriber
{
    /// <summary>Subscribes and calls <paramref name="onMessage"/> for each message until stopped.</summary>
    Task StartAsync(Action<MessageEnvelope> onMessage, CancellationToken cancellationToken);

    /// <summary>Unsubscribes; no call to the handler starts afterwards.</summary>
    Task StopAsync(CancellationToken cancellationToken);
}
