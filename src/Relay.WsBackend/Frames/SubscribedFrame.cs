using System.Text.Json.Serialization;

namespace Relay.WsBackend.Frames;

/// <summary>
/// Live delivery of <see cref="Channel"/> starts after <see cref="Offset"/> of <see cref="Epoch"/> (0 and no epoch
/// for a channel that never had a message). <see cref="Recovered"/> is present when the client gave a position:
/// true when every message after it was replayed (right after this frame), false when it could not be. A replica
/// also sends it with <c>recovered:false</c> when messages were lost under a live subscription (a new epoch, or a
/// gap the history no longer holds): the next message follows <see cref="Offset"/>.
/// </summary>
internal sealed record SubscribedFrame(string Channel, long Offset, string? Epoch, bool? Recovered)
{
    [JsonPropertyOrder(-1)]
    public string Type => "subscribed";
}
