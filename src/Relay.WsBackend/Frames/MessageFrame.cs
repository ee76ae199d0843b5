using System.Text.Json.Serialization;
using Relay.Contracts;

namespace Relay.WsBackend.Frames;

/// <summary>
/// A message on a followed channel. <see cref="PublishedAt"/> is written like the envelope and the Api's answer:
/// UTC with milliseconds and <c>Z</c>. The trace context of the envelope stays server-side.
/// </summary>
internal sealed record MessageFrame(
    string Id,
    string Channel,
    string Sender,
    string Text,
    [property: JsonConverter(typeof(UtcMillisecondsJsonConverter))] DateTimeOffset PublishedAt)
{
    [JsonPropertyOrder(-1)]
    public string Type => "message";
}
