using System.Text.Json.Serialization;

namespace Relay.WsBackend.Frames;

/// <summary>A refresh was accepted: the connection now lasts until <see cref="ExpiresAt"/>, the new token's expiry.</summary>
internal sealed record RefreshedFrame(DateTimeOffset ExpiresAt)
{
    [JsonPropertyOrder(-1)]
    public string Type => "refreshed";
}
