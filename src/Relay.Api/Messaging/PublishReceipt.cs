namespace Relay.Api.Messaging;

/// <summary>
/// The answer to one publish. Unless <see cref="Outcome"/> is <see cref="PublishOutcome.Published"/>, nothing was
/// published now, and <see cref="Id"/>, <see cref="PublishedAt"/> and <see cref="Position"/> are those of the
/// message first published with the same <c>Idempotency-Key</c>.
/// </summary>
public sealed record PublishReceipt(PublishOutcome Outcome, string Id, DateTimeOffset PublishedAt, PublishedPosition Position);
