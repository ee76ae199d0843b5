using Microsoft.Extensions.Logging;
using Relay.Contracts;
using Relay.WsBackend.Connections;
using Relay.WsBackend.Frames;
using Relay.WsBackend.Telemetry;

namespace Relay.WsBackend.Messaging;

/// <summary>
/// Hands each message to every local socket following its channel: the frame is encoded once and the same
/// bytes are queued on each socket, so a message costs one allocation however many subscribers it has.
/// </summary>
internal sealed class MessageFanOut(SubscriptionRegistry subscriptions, WsBackendMetrics metrics, ILogger<MessageFanOut> logger)
{
    /// <summary>Queues the message (whose offset and epoch are set) on every subscriber of its channel.</summary>
    public void Publish(MessageEnvelope envelope)
    {
        // The span wraps the fan-out, so what it logs (a slow consumer closed, say) carries the message's trace id.
        using var activity = WsBackendActivitySource.StartReceive(envelope);
        WsBackendActivitySource.SetDeliveries(activity, FanOut(envelope));
    }

    /// <summary>Queues a frame that is not a message (a <c>subscribed</c> after lost messages) on every subscriber.</summary>
    public void Broadcast(string channel, ReadOnlyMemory<byte> frame) =>
        FanOut(subscriptions.GetSubscribers(channel), new QueuedFrame(frame, 0));

    /// <returns>How many sockets the frame was queued on.</returns>
    private int FanOut(MessageEnvelope envelope)
    {
        var subscribers = subscriptions.GetSubscribers(envelope.Channel);
        if (subscribers.Length == 0)
        {
            return 0;
        }

        var queued = FanOut(subscribers, new QueuedFrame(ServerFrames.Message(envelope), envelope.PublishedAt.UtcTicks));
        metrics.MessageFannedOut(envelope.PublishedAt.UtcTicks);
        return queued;
    }

    private int FanOut(ClientConnection?[] subscribers, QueuedFrame frame)
    {
        var queued = 0;
        foreach (var subscriber in subscribers)
        {
            if (subscriber is null)
            {
                // A slot left empty by a connection that left (or not yet filled).
                continue;
            }

            try
            {
                if (subscriber.Enqueue(frame))
                {
                    queued++;
                }
            }
            catch (Exception ex)
            {
                // One broken connection never costs the others their message.
                Log.EnqueueFailed(logger, ex);
            }
        }

        return queued;
    }
}
