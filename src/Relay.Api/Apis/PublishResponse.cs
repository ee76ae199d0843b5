using System.Text.Json.Serialization;
using Relay.Contracts;

namespace Relay.Api.Apis;

/// <summary>The 202 body of <c>POST /api/messages</c>: the id Relay gave the message and when it was published.</summary>
public sealed record PublishResponse(
    string Id,
    string Channel,
    [property: JsonConverter(typeof(UtcMillisecondsJsonConverter))] DateTimeOffset PublishedAt);
