namespace Relay.Api.Messaging;

/// <summary>What a publish did.</summary>
public enum PublishOutcome
{
    /// <summary>The message was appended to its channel's history and published.</summary>
    Published,

    /// <summary>The same message was published earlier with the same <c>Idempotency-Key</c>: nothing was published now.</summary>
    Replayed,

    /// <summary>A different message was published earlier with the same <c>Idempotency-Key</c>: nothing was published now.</summary>
    IdempotencyKeyReused,
}
