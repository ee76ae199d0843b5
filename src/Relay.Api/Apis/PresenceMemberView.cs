using System.Text.Json.Serialization;
using Relay.Contracts;

namespace Relay.Api.Apis;

/// <summary>One member in <c>GET /api/channels/{channel}/presence</c>: its client id, name, replica and when it connected.</summary>
public sealed record PresenceMemberView(
    string Client,
    string Name,
    string Replica,
    [property: JsonConverter(typeof(UtcMillisecondsJsonConverter))] DateTimeOffset ConnectedAt);
