using System.Diagnostics;
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
    public void Publish(MessageEnvelope envelope)
    {
        var subscribers = subscriptions.GetSubscribers(envelope.Channel);
        metrics.MessageFannedOut(subscribers.Length);
        Activity.Current?.SetTag("relay.subscribers", subscribers.Length);
        if (subscribers.Length == 0)
        {
            return;
        }

        ReadOnlyMemory<byte> frame = ServerFrames.Message(envelope);
        foreach (var subscriber in subscribers)
        {
            try
            {
                subscriber.Enqueue(frame);
            }
            catch (Exception ex)
            {
                // One broken connection never costs the others their message.
                Log.EnqueueFailed(logger, ex);
            }
        }
    }
}
