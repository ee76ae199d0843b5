namespace Relay.Contracts;

/// <summary>
/// What the Api publishes to Redis for each accepted message. <see cref="TraceParent"/> and
/// <see cref="TraceState"/> carry the W3C trace context across pub/sub, which has none of its own.
/// </summary>
public sealed record MessageEnvelope(
    string Id,
    string Channel,
    string Sender,
    string Text,
    DateTimeOffset PublishedAt,
    string? TraceParent = null,
    string? TraceState = null);
