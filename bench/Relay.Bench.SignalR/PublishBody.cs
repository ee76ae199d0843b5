namespace Relay.Bench.SignalR;

/// <summary>The body of <c>POST /api/messages</c>, as Relay's: nullable, so a missing field is a 400, not a parse error.</summary>
internal sealed record PublishBody(string? Channel, string? Sender, string? Text);
