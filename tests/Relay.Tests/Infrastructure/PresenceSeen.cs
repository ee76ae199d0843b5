namespace Relay.Tests.Infrastructure;

/// <summary>A <c>join</c> or <c>leave</c> frame as a <see cref="RecoveringClient"/> got it.</summary>
public sealed record PresenceSeen(string Type, string Client, string Name, string Replica, DateTimeOffset ReceivedAt);
