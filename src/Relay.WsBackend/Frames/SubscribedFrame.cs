using System.Text.Json.Serialization;

namespace Relay.WsBackend.Frames;

/// <summary>A subscribe was applied (also when the connection already followed the channel).</summary>
internal sealed record SubscribedFrame(string Channel)
{
    [JsonPropertyOrder(-1)]
    public string Type => "subscribed";
}
