using System.Text.Json.Serialization;

namespace Relay.Contracts;

/// <summary>
/// What the Api publishes to Redis for each accepted message. <see cref="TraceParent"/> and
/// <see cref="TraceState"/> carry the W3C trace context across pub/sub, which has none of its own.
/// <see cref="PublishedAt"/> is written like the Api's answer: UTC with milliseconds and <c>Z</c>.
/// </summary>
public sealed record MessageEnvelope(
    string Id,
    string Channel,
    string Sender,
    string Text,
    [property: JsonConverter(typeof(UtcMillisecondsJsonConverter))] DateTimeOffset PublishedAt,
    string? TraceParent = null,
    string? TraceState = null);
