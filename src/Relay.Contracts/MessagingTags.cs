namespace Relay.Contracts;

/// <summary>
/// The OpenTelemetry messaging semantic-convention tags on the publish and receive spans, named once for the
/// Api (producer) and WsBackend (consumer).
/// </summary>
public static class MessagingTags
{
    public const string System = "messaging.system";
    public const string OperationType = "messaging.operation.type";
    public const string DestinationName = "messaging.destination.name";
    public const string MessageId = "messaging.message.id";

    /// <summary>The <see cref="System"/> value: Relay's broker.</summary>
    public const string Redis = "redis";
}
