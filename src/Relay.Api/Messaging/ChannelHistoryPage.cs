using Relay.Contracts;

namespace Relay.Api.Messaging;

/// <summary>
/// Part of a channel's history. <see cref="Epoch"/> is null and <see cref="LastOffset"/> 0 for a channel without
/// history (never published on, or idle past <c>History:IdleTtl</c>); <see cref="FirstKeptOffset"/> is the oldest
/// offset still kept, null when none is.
/// </summary>
public sealed record ChannelHistoryPage(
    string? Epoch,
    long LastOffset,
    long? FirstKeptOffset,
    IReadOnlyList<MessageEnvelope> Messages)
{
    /// <summary>
    /// Whether a reader that has every message up to <paramref name="since"/> (of <paramref name="sinceEpoch"/>, if it
    /// says) gets all it missed by reading on: false when the messages after it were trimmed, or when the position
    /// belongs to another epoch (further than the last offset, or another epoch named).
    /// </summary>
    public bool CanRecover(long since, string? sinceEpoch) =>
        (sinceEpoch is null || sinceEpoch == Epoch)
        && since <= LastOffset
        && since >= (FirstKeptOffset ?? LastOffset + 1) - 1;
}
