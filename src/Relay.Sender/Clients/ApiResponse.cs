namespace Relay.Sender.Clients;

/// <summary>
/// The Api's answer, kept as bytes so it can be relayed to the browser unchanged, with the headers the page acts on:
/// <c>Retry-After</c> and <c>Idempotent-Replayed</c>.
/// </summary>
internal sealed record ApiResponse(int StatusCode, string? ContentType, byte[] Body, string? RetryAfter, string? IdempotentReplayed);
