namespace Relay.Api.Messaging;

/// <summary>
/// Where a message is in its channel: <see cref="Offset"/> 1, 2, 3 … within <see cref="Epoch"/>. A new epoch
/// starts again at 1 and means the history before it is gone.
/// </summary>
public sealed record PublishedPosition(long Offset, string Epoch);
