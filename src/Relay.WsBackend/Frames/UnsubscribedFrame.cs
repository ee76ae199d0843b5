using System.Text.Json.Serialization;

namespace Relay.WsBackend.Frames;

/// <summary>An unsubscribe was applied (also when the connection did not follow the channel).</summary>
internal sealed record UnsubscribedFrame(string Channel)
{
    [JsonPropertyOrder(-1)]
    public string Type => "unsubscribed";
}
