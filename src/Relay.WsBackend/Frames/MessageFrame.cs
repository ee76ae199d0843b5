using System.Text.Json.Serialization;
using Relay.Contracts;

namespace Relay.WsBackend.Frames;

/// <summary>
/// A message on a followed channel, at its <see cref="Offset"/> within <see cref="Epoch"/>. It carries either
/// <see cref="Text"/> or <see cref="Data"/> (base64) with its <see cref="ContentType"/>; the absent ones are omitted.
/// <see cref="PublishedAt"/> is written like the envelope and the Api's answer: UTC with milliseconds and <c>Z</c>.
/// The trace context of the envelope stays server-side.
/// </summary>
internal sealed record MessageFrame(
    string Id,
    string Channel,
    long Offset,
    string Epoch,
    string Sender,
    string? Text,
    string? Data,
    string? ContentType,
    [property: JsonConverter(typeof(UtcMillisecondsJsonConverter))] DateTimeOffset PublishedAt)
{
    [JsonPropertyOrder(-1)]
    public string Type => "message";
}
