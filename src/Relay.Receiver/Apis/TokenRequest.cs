namespace Relay.Receiver.Apis;

/// <summary>The body of <c>POST /api/token</c>: the name the person typed, or none for a nameless visitor.</summary>
internal sealed record TokenRequest(string? Name);
