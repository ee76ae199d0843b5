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

    private static readonly ActivitySource s_source = new(Name);

    /// <summary>A consumer span <c>"&lt;redis channel&gt; receive"</c>; null when nobody listens (no cost then).</summary>
    public static Activity? StartReceive(string redisChannel, MessageEnvelope envelope)
    {
        if (!s_source.HasListeners())
        {
            return null;
        }

        ActivityContext.TryParse(envelope.TraceParent, envelope.TraceState, isRemote: true, out var parent);
        var activity = s_source.StartActivity($"{redisChannel} receive", ActivityKind.Consumer, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.system", "redis");
            activity.SetTag("messaging.operation.type", "receive");
            activity.SetTag("messaging.destination.name", redisChannel);
            activity.SetTag("messaging.message.id", envelope.Id);
        }

        return activity;
    }
}
