using System.Text.Json;

namespace Relay.Tests.Infrastructure;

/// <summary>The 202 body of <c>POST /api/messages</c>: where the message landed in its channel.</summary>
internal sealed record PublishedMessage(string Id, string Channel, long Offset, string Epoch, string PublishedAt)
{
    public static PublishedMessage From(JsonElement body) => new(
        body.GetProperty("id").GetString()!,
        body.GetProperty("channel").GetString()!,
        body.GetProperty("offset").GetInt64(),
        body.GetProperty("epoch").GetString()!,
        body.GetProperty("publishedAt").GetString()!);
}
