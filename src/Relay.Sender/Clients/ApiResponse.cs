namespace Relay.Sender.Clients;

/// <summary>The Api's answer, kept as bytes so it can be relayed to the browser unchanged.</summary>
internal sealed record ApiResponse(int StatusCode, string? ContentType, byte[] Body, string? RetryAfter);
