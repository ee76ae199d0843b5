using System.Text.Json.Serialization;
using Relay.Contracts;

namespace Relay.Api.Messaging;

/// <summary>
/// The first answer to a publish with an <c>Idempotency-Key</c>, as kept under <see cref="RelayKeys.Idempotency"/>.
/// The Api writes it without <see cref="Offset"/> and <see cref="Epoch"/>; the publish script adds them at the end.
/// </summary>
internal sealed record StoredPublishAnswer(
    string Fingerprint,
    string Id,
    string Channel,
    [property: JsonConverter(typeof(UtcMillisecondsJsonConverter))] DateTimeOffset PublishedAt,
    long? Offset = null,
    string? Epoch = null);
