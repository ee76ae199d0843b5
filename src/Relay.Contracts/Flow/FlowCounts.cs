namespace Relay.Contracts.Flow;

/// <summary>
/// Message counts of one instance: the Api counts <see cref="Published"/> and <see cref="PublishFailures"/>, a
/// WsBackend replica <see cref="Received"/> (from Redis) and <see cref="Delivered"/> (frames written, one per socket).
/// </summary>
public sealed record FlowCounts(long Published, long PublishFailures, long Received, long Delivered)
{
    public static readonly FlowCounts Zero = new(0, 0, 0, 0);

    /// <summary>What was counted since <paramref name="earlier"/>, a reading of the same process.</summary>
    public FlowCounts Minus(FlowCounts earlier) => new(
        Published - earlier.Published,
        PublishFailures - earlier.PublishFailures,
        Received - earlier.Received,
        Delivered - earlier.Delivered);
}
