using System.Text.Json;
using Relay.Contracts;
using Relay.WsBackend.Frames;

namespace Relay.WsBackend.Presence;

/// <summary>Turns a <see cref="PresenceEvent"/> from Redis into the frame every local subscriber is sent.</summary>
internal static class PresenceFrames
{
    public const string Join = PresenceEvent.Join;
    public const string Leave = PresenceEvent.Leave;

    /// <summary>
    /// The frame of an event published on <paramref name="channel"/>'s presence channel, encoded once for all
    /// subscribers; null (with the reason) when the payload is not a join or leave of that channel.
    /// </summary>
    public static byte[]? TryEncode(string channel, ReadOnlySpan<byte> payload, out string? reason)
    {
        PresenceEvent? presenceEvent;
        try
        {
            presenceEvent = JsonSerializer.Deserialize(payload, ContractsJsonContext.Default.PresenceEvent);
        }
        catch (JsonException ex)
        {
            reason = ex.Message;
            return null;
        }

        if (presenceEvent is not { Type: Join or Leave, Client: not null, Name: not null, Replica: not null })
        {
            reason = "not a join or leave with client, name and replica";
            return null;
        }

        // Routing follows the Redis channel; an event naming another channel comes from a broken writer.
        if (presenceEvent.Channel != channel)
        {
            reason = $"the event names channel '{presenceEvent.Channel}'";
            return null;
        }

        reason = null;
        return ServerFrames.Presence(presenceEvent.Type, channel, presenceEvent.Client, presenceEvent.Name, presenceEvent.Replica);
    }
}
