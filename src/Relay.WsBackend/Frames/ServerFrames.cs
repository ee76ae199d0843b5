using System.Text.Encodings.Web;
using System.Text.Json;
using Relay.Contracts;

namespace Relay.WsBackend.Frames;

/// <summary>Encodes server frames to the UTF-8 bytes a socket sends as one text frame.</summary>
internal static class ServerFrames
{
    // Relaxed escaping keeps non-ASCII text as UTF-8 (not 6-byte \uXXXX escapes) and quotes as \". It is safe
    // here: frames are parsed as JSON by clients, never embedded in HTML.
    private static readonly WsBackendJsonContext s_json = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static byte[] Welcome(string replica, IReadOnlyList<string> channels) =>
        JsonSerializer.SerializeToUtf8Bytes(new WelcomeFrame(replica, channels), s_json.WelcomeFrame);

    public static byte[] Subscribed(string channel) =>
        JsonSerializer.SerializeToUtf8Bytes(new SubscribedFrame(channel), s_json.SubscribedFrame);

    public static byte[] Unsubscribed(string channel) =>
        JsonSerializer.SerializeToUtf8Bytes(new UnsubscribedFrame(channel), s_json.UnsubscribedFrame);

    public static byte[] Error(string reason) =>
        JsonSerializer.SerializeToUtf8Bytes(new ErrorFrame(reason), s_json.ErrorFrame);

    /// <summary>Encoded once per Redis message; every subscriber's socket sends these same bytes.</summary>
    public static byte[] Message(MessageEnvelope envelope) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new MessageFrame(envelope.Id, envelope.Channel, envelope.Sender, envelope.Text, envelope.PublishedAt),
            s_json.MessageFrame);
}
