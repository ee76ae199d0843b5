namespace Relay.WsBackend.Messaging;

/// <summary>
/// Where the delivery loop stands in one channel that has local subscribers: the last offset it delivered (or
/// that its subscribers started from) in <see cref="Epoch"/>. Touched only by the delivery loop.
/// </summary>
internal sealed class ChannelPosition
{
    /// <summary>Null while the channel never had a message (and while <see cref="Known"/> is false).</summary>
    public string? Epoch { get; set; }

    public long LastOffset { get; set; }

    /// <summary>
    /// The first offset of <see cref="Epoch"/>: 1, or, for an epoch a promoted cluster master began, one past the
    /// offsets it kept of the epoch before (which the history holds with that epoch).
    /// </summary>
    public long Start { get; set; } = 1;

    /// <summary>
    /// False when Redis could not be read as the first subscriber came: the next message (or a resync) sets the
    /// position, without repairing what came before it, since nobody here knows where its subscribers started.
    /// </summary>
    public bool Known { get; set; }

    /// <summary>
    /// True while a repair could not read the history: live messages are held back (they are in the history, after
    /// the missing ones) until a resync repairs the channel.
    /// </summary>
    public bool RepairPending { get; set; }
}
