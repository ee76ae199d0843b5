using System.Text.Json.Serialization;
using Relay.Contracts;

namespace Relay.Api.Apis;

/// <summary>
/// The 202 body of <c>POST /api/messages</c>: the id Relay gave the message, its position in the channel (offset within
/// epoch) and when it was published. A repeated <c>Idempotency-Key</c> answers the first publish's body again.
/// </summary>
public sealed record PublishResponse(
    string Id,
    string Channel,
    long Offset,
    string Epoch,
    [property: JsonConverter(typeof(UtcMillisecondsJsonConverter))] DateTimeOffset PublishedAt);
