using System.Text.Json.Serialization;

namespace Relay.Contracts;

/// <summary>
/// One message as Redis holds it: in the channel's history stream and on its pub/sub channel (the very same bytes).
/// A message carries either <see cref="Text"/> or <see cref="Data"/> (base64) with its <see cref="ContentType"/>.
/// </summary>
/// <remarks>
/// The Api serializes the envelope without <see cref="Offset"/> and <see cref="Epoch"/>; the publish script, which
/// assigns them atomically with the append, adds them at the end of the JSON object. <see cref="TraceParent"/> and
/// <see cref="TraceState"/> carry the W3C trace context across pub/sub, which has none of its own.
/// <see cref="PublishedAt"/> is written like the Api's answer: UTC with milliseconds and <c>Z</c>.
/// </remarks>
public sealed record MessageEnvelope(
    string Id,
    string Channel,
    string Sender,
    string? Text,
    [property: JsonConverter(typeof(UtcMillisecondsJsonConverter))] DateTimeOffset PublishedAt,
    string? TraceParent = null,
    string? TraceState = null)
{
    /// <summary>The payload of a binary message, base64 (at most <see cref="MessageLimits.MaxDataBytes"/> decoded).</summary>
    public string? Data { get; init; }

    /// <summary>The media type of <see cref="Data"/>, e.g. <c>image/png</c>.</summary>
    public string? ContentType { get; init; }

    /// <summary>The message's position in its channel: 1, 2, 3 … within one <see cref="Epoch"/>.</summary>
    public long? Offset { get; init; }

    /// <summary>Names one unbroken run of the channel's offsets; a new epoch means the history before it is gone.</summary>
    public string? Epoch { get; init; }
}
