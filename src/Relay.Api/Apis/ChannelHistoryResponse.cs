using System.Text.Json.Serialization;

namespace Relay.Api.Apis;

/// <summary>
/// The 200 body of <c>GET /api/channels/{channel}/messages</c>. <see cref="Offset"/> is the channel's last offset
/// (0, with a null <see cref="Epoch"/>, for a channel without history). <see cref="Recovered"/> is present only when
/// the request gave <c>since</c>: false when messages after it are no longer kept, or it is from another epoch.
/// </summary>
public sealed record ChannelHistoryResponse(
    string Channel,
    string? Epoch,
    long Offset,
    IReadOnlyList<HistoryMessage> Messages,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Recovered = null);
