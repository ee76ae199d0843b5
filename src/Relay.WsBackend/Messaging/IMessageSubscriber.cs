namespace Relay.WsBackend.Messaging;

/// <summary>
/// Receives the messages published to every Relay channel, raw, for this replica's delivery loop.
/// </summary>
/// <remarks>
/// Pub/sub delivery is <b>at most once</b>: a message published while this replica is cut off from the broker
/// never comes through here. Every message carries its channel's offset, and the delivery loop repairs what
/// pub/sub lost from the channel's history, by offset: on the next message after a gap, and when
/// <c>onResubscribed</c> says the subscription is back. So each channel reaches a socket in offset order, without
/// holes the history still holds, and a hole it no longer holds is announced (<c>subscribed</c>, <c>recovered:false</c>).
/// Messages are handed over one at a time, in the order the broker delivered them.
/// </remarks>
public interface IMessageSubscriber
{
    /// <summary>
    /// Subscribes and calls <paramref name="onMessage"/> with each message's broker channel and payload (the bytes
    /// are the caller's to keep) until stopped, and <paramref name="onResubscribed"/> each time the broker
    /// connection is restored, when messages may have been missed.
    /// </summary>
    Task StartAsync(Action<string, ReadOnlyMemory<byte>> onMessage, Action onResubscribed, CancellationToken cancellationToken);

    /// <summary>Unsubscribes; no call to the handlers starts afterwards.</summary>
    Task StopAsync(CancellationToken cancellationToken);
}
