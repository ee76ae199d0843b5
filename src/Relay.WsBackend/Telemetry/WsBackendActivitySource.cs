using System.Diagnostics;
using Relay.Contracts;

namespace Relay.WsBackend.Telemetry;

/// <summary>
/// Continues the Api's trace across Redis pub/sub, which carries no context of its own: the envelope does
/// (eShop's way over RabbitMQ).
/// </summary>
internal static class WsBackendActivitySource
{
    public const string Name = "Relay.WsBackend";

    /// <summary>How many sockets the message's frame was queued on.</summary>
    public const string DeliveriesTag = "relay.deliveries";

    private static readonly ActivitySource s_source = new(Name);

    /// <summary>
    /// A consumer span <c>"&lt;channel&gt; receive"</c> (the Relay channel, not the Redis one), child of the Api's
    /// producer span; null when nobody listens (no cost then). Without a valid traceparent it starts a new trace.
    /// </summary>
    public static Activity? StartReceive(MessageEnvelope envelope)
    {
        if (!s_source.HasListeners())
        {
            return null;
        }

        ActivityContext.TryParse(envelope.TraceParent, envelope.TraceState, isRemote: true, out var parent);
        var activity = s_source.StartActivity($"{envelope.Channel} receive", ActivityKind.Consumer, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(MessagingTags.System, MessagingTags.Redis);
            activity.SetTag(MessagingTags.OperationType, "receive");
            activity.SetTag(MessagingTags.DestinationName, envelope.Channel);
            activity.SetTag(MessagingTags.MessageId, envelope.Id);
        }

        return activity;
    }

    /// <summary>Records on the receive span how many sockets the frame was queued on.</summary>
    public static void SetDeliveries(Activity? activity, int deliveries)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(DeliveriesTag, deliveries);
        }
    }
}
