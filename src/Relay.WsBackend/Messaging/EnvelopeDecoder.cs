using System.Text.Json;
using Relay.Contracts;

namespace Relay.WsBackend.Messaging;

/// <summary>
/// Reads an envelope from pub/sub or from a history entry (the same bytes) and admits only a complete one:
/// id, sender, text or data, a positive offset, an epoch, and the channel it was routed by.
/// </summary>
internal static class EnvelopeDecoder
{
    /// <returns>The envelope, or null with <paramref name="reason"/> saying what was wrong.</returns>
    public static MessageEnvelope? Decode(ReadOnlySpan<byte> json, string channel, out string? reason)
    {
        MessageEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(json, ContractsJsonContext.Default.MessageEnvelope);
        }
        catch (JsonException ex)
        {
            reason = ex.Message;
            return null;
        }

        reason = envelope switch
        {
            null => "the envelope is null",
            { Id: null } or { Sender: null } or { Text: null, Data: null } => "a required field is missing",
            { Offset: null or < 1 } or { Epoch: null or "" } => "it has no offset and epoch",

            // Routing follows the Redis channel or stream; an envelope naming another comes from a broken publisher.
            _ when !string.Equals(envelope.Channel, channel, StringComparison.Ordinal) => $"it names channel {envelope.Channel}",
            _ => null,
        };
        return reason is null ? envelope : null;
    }
}
