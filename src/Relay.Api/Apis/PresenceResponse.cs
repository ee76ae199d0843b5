namespace Relay.Api.Apis;

/// <summary>The 200 body of <c>GET /api/channels/{channel}/presence</c>: the members, sorted by name then client.</summary>
public sealed record PresenceResponse(string Channel, int Count, IReadOnlyList<PresenceMemberView> Members);
