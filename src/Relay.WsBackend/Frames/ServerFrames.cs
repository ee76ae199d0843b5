using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Relay.Contracts;

namespace Relay.WsBackend.Frames;

/// <summary>Encodes server frames to the UTF-8 bytes a socket sends as one text frame.</summary>
internal static class ServerFrames
{
    // Relaxed escaping keeps non-ASCII text as UTF-8 (not 6-byte \uXXXX escapes) and quotes as \". It is safe
    // here: frames are parsed as JSON by clients, never embedded in HTML. Options given at run time replace the
    // context's attribute, so the null rule is repeated here: absent optional fields are omitted, never null.
    private static readonly WsBackendJsonContext s_json = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });

    /// <summary>A join or leave, encoded once for every subscriber of its channel.</summary>
    public static byte[] Presence(string type, string channel, string client, string name, string replica) =>
        JsonSerializer.SerializeToUtf8Bytes(new PresenceFrame(type, channel, client, name, replica), s_json.PresenceFrame);

    public static byte[] Welcome(string replica, string client, string? name, IReadOnlyList<string> channels, DateTimeOffset? expiresAt) =>
        JsonSerializer.SerializeToUtf8Bytes(new WelcomeFrame(replica, client, name, channels, expiresAt), s_json.WelcomeFrame);

    public static byte[] Refreshed(DateTimeOffset expiresAt) =>
        JsonSerializer.SerializeToUtf8Bytes(new RefreshedFrame(expiresAt), s_json.RefreshedFrame);

    public static byte[] Subscribed(string channel, long offset, string? epoch, bool? recovered) =>
        JsonSerializer.SerializeToUtf8Bytes(new SubscribedFrame(channel, offset, epoch, recovered), s_json.SubscribedFrame);

    public static byte[] Unsubscribed(string channel) =>
        JsonSerializer.SerializeToUtf8Bytes(new UnsubscribedFrame(channel), s_json.UnsubscribedFrame);

    public static byte[] Error(string reason) =>
        JsonSerializer.SerializeToUtf8Bytes(new ErrorFrame(reason), s_json.ErrorFrame);

    /// <summary>
    /// Encoded once per message and replica; every subscriber's socket sends these same bytes. The envelope must
    /// carry its offset and epoch (<see cref="Messaging.EnvelopeDecoder"/> admits no other).
    /// </summary>
    public static byte[] Message(MessageEnvelope envelope) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new MessageFrame(
                envelope.Id,
                envelope.Channel,
                envelope.Offset ?? throw new ArgumentException("The envelope has no offset.", nameof(envelope)),
                envelope.Epoch ?? throw new ArgumentException("The envelope has no epoch.", nameof(envelope)),
                envelope.Sender,
                envelope.Text,
                envelope.Data,
                envelope.ContentType,
                envelope.PublishedAt),
            s_json.MessageFrame);
}
