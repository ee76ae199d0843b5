using System.Text.Json.Serialization;

namespace Relay.WsBackend.Frames;

/// <summary>
/// Sent once, first: which replica serves the connection, its client id, its presence name (named connections
/// only), the channels of its query, and when its token expires (null, always written, for an anonymous connection).
/// The query's channels are live when it is sent.
/// </summary>
internal sealed record WelcomeFrame(
    string Replica,
    string Client,
    string? Name,
    IReadOnlyList<string> Channels,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? ExpiresAt)
{
    [JsonPropertyOrder(-1)]
    public string Type => "welcome";
}
