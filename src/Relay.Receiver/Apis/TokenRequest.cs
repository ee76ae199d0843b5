namespace Relay.Receiver.Apis;

/// <summary>
/// The body of <c>POST /api/token</c>: the name the person typed, or none for a nameless visitor, who may give the guest
/// subject of the token it holds (<c>guest-…</c>) to refresh it under the same subject.
/// </summary>
internal sealed record TokenRequest(string? Name, string? Guest);
