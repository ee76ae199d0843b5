using Microsoft.Extensions.Logging;
using Relay.WsBackend.Connections;
using Relay.WsBackend.Messaging;

namespace Relay.WsBackend.Presence;

/// <summary>
/// Hands each join or leave of a channel followed here (<see cref="IMessageSubscriber"/> subscribes to them beside its
/// messages) to every local socket following it, the member's own socket too: encoded once, queued on each. At most
/// once: an event published while this replica is cut off from the channel's shard is lost for its sockets.
/// </summary>
internal sealed class PresenceEventRelay(
    SubscriptionRegistry subscriptions,
    MessageFanOut fanOut,
    ILogger<PresenceEventRelay> logger)
{
    public void Relay(string channel, ReadOnlyMemory<byte> payload)
    {
        // The last follower left while the event was on its way: not worth decoding.
        if (!subscriptions.HasSubscribers(channel))
        {
            return;
        }

        if (PresenceFrames.TryEncode(channel, payload.Span, out var reason) is not { } frame)
        {
            Log.MalformedEvent(logger, channel, reason);
            return;
        }

        // The same fan-out as messages: one broken connection never costs the others their event.
        fanOut.Broadcast(channel, frame);
    }
}
