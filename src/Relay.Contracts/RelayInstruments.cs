namespace Relay.Contracts;

/// <summary>
/// The names of Relay's own metric instruments (docs/telemetry.md), shared by the services that record them
/// and the dashboard's Flow page that reads them. Replicas are told apart by <c>service.instance.id</c>.
/// </summary>
public static class RelayInstruments
{
    /// <summary>Counter, Api: messages Redis accepted for publishing.</summary>
    public const string MessagesPublished = "relay.messages.published";

    /// <summary>Counter, Api: messages that could not be published.</summary>
    public const string PublishFailures = "relay.messages.publish_failures";

    /// <summary>Counter, each WsBackend replica: messages received from Redis.</summary>
    public const string MessagesReceived = "relay.messages.received";

    /// <summary>Counter, WsBackend: message frames written, one per socket.</summary>
    public const string MessagesDelivered = "relay.messages.delivered";

    /// <summary>Up-down counter, WsBackend: open WebSocket connections.</summary>
    public const string ConnectionsOpen = "relay.connections.open";

    /// <summary>Counter, WsBackend: connections closed with 4008 (slow consumer).</summary>
    public const string SlowConsumerClosed = "relay.connections.slow_consumer_closed";

    /// <summary>Histogram in ms, WsBackend: from publishedAt to the frame written to the socket.</summary>
    public const string DeliveryLag = "relay.delivery.lag";

    /// <summary>
    /// Counter, WsBackend: subscribes that gave a position (<c>since</c>), tagged <see cref="RecoveryResultTag"/>
    /// <c>recovered</c> (every later message replayed) or <c>not_recovered</c>.
    /// </summary>
    public const string Recoveries = "relay.recoveries";

    /// <summary>The tag of <see cref="Recoveries"/>: <c>recovered</c> or <c>not_recovered</c>.</summary>
    public const string RecoveryResultTag = "result";

    /// <summary>Counter, WsBackend: messages pub/sub lost for a replica, fetched from the channel's history instead.</summary>
    public const string GapRepairs = "relay.gap_repairs";

    /// <summary>Up-down counter, WsBackend: presence members this replica holds (named connection × channel).</summary>
    public const string PresenceMembers = "relay.presence.members";

    /// <summary>
    /// Counter, WsBackend: connections refused or closed for security or a limit, tagged <see cref="RefusalReasonTag"/>
    /// (<c>origin</c>, <c>token_missing</c>, <c>token_invalid</c>, <c>name_mismatch</c>, <c>channel_forbidden</c>,
    /// <c>address_limit</c>, <c>token_expired</c>, <c>refresh_forbidden</c>, <c>refresh_invalid</c>,
    /// <c>subscribe_forbidden</c>, <c>too_many_frames</c>).
    /// </summary>
    public const string Refusals = "relay.security.refusals";

    /// <summary>The tag of <see cref="Refusals"/>: why.</summary>
    public const string RefusalReasonTag = "reason";
}
