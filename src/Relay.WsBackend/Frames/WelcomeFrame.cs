using System.Text.Json.Serialization;

namespace Relay.WsBackend.Frames;

/// <summary>Sent once, right after the upgrade: which replica serves the connection and what it follows.</summary>
internal sealed record WelcomeFrame(string Replica, IReadOnlyList<string> Channels)
{
    [JsonPropertyOrder(-1)]
    public string Type => "welcome";
}
