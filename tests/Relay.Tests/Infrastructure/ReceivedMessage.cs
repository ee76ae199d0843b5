namespace Relay.Tests.Infrastructure;

/// <summary>
/// A message frame as a <see cref="RecoveringClient"/> got it. <see cref="Sequence"/> orders every frame the client
/// recorded (messages and subscribed frames together); <see cref="Connection"/> counts its sockets from 1.
/// </summary>
public sealed record ReceivedMessage(
    long Sequence,
    int Connection,
    string Replica,
    long Offset,
    string? Epoch,
    string Id,
    string? Text,
    DateTimeOffset PublishedAt,
    DateTimeOffset ReceivedAt);
