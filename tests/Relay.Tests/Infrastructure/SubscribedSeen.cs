namespace Relay.Tests.Infrastructure;

/// <summary>
/// A <c>subscribed</c> frame as a <see cref="RecoveringClient"/> got it: <see cref="Recovered"/> is null when the
/// client gave no position, true when every message after it was replayed, false when it could not be.
/// </summary>
public sealed record SubscribedSeen(long Sequence, int Connection, string Replica, long Offset, string? Epoch, bool? Recovered);
