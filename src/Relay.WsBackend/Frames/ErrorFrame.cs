using System.Text.Json.Serialization;

namespace Relay.WsBackend.Frames;

/// <summary>A client frame was refused; the connection stays open.</summary>
internal sealed record ErrorFrame(string Reason)
{
    [JsonPropertyOrder(-1)]
    public string Type => "error";
}
