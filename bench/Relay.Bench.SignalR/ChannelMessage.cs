namespace Relay.Bench.SignalR;

/// <summary>
/// The argument of a <c>message</c> invocation. Its <c>"text":"…"</c> property is what the bench's subscribers read,
/// as in a Relay message frame.
/// </summary>
internal sealed record ChannelMessage(string Id, string Channel, string Sender, string Text, DateTimeOffset PublishedAt);
