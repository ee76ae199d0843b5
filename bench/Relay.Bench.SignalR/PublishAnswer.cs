namespace Relay.Bench.SignalR;

/// <summary>The 202's small body, as Relay's Api answers one.</summary>
internal sealed record PublishAnswer(string Id, DateTimeOffset PublishedAt);
