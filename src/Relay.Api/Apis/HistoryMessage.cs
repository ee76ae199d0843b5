using System.Text.Json.Serialization;
using Relay.Contracts;

namespace Relay.Api.Apis;

/// <summary>
/// One message of <c>GET /api/channels/{channel}/messages</c>: the envelope without its trace context. It carries
/// either <see cref="Text"/>, or <see cref="Data"/> (base64) with its <see cref="ContentType"/>.
/// </summary>
public sealed record HistoryMessage(
    string Id,
    string Channel,
    long Offset,
    string Epoch,
    string Sender,
    [property: JsonPropertyOrder(1), JsonConverter(typeof(UtcMillisecondsJsonConverter))] DateTimeOffset PublishedAt)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Data { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ContentType { get; init; }

    public static HistoryMessage From(MessageEnvelope envelope) =>
        new(envelope.Id, envelope.Channel, envelope.Offset ?? 0, envelope.Epoch ?? "", envelope.Sender, envelope.PublishedAt)
        {
            Text = envelope.Text,
            Data = envelope.Data,
            ContentType = envelope.ContentType,
        };
}
