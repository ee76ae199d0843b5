using System.Text.Json.Serialization;

namespace Relay.WsBackend.Frames;

/// <summary>
/// A message on a followed channel. <see cref="PublishedAt"/> is a UTC <see cref="DateTime"/> so it is written
/// with a <c>Z</c>, like the Api's answer. The trace context of the envelope stays server-side.
/// </summary>
internal sealed record MessageFrame(string Id, string Channel, string Sender, string Text, DateTime PublishedAt)
{
    [JsonPropertyOrder(-1)]
    public string Type => "message";
}
