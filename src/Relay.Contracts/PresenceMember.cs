using System.Text.Json.Serialization;

namespace Relay.Contracts;

/// <summary>
/// One named connection following a channel, as kept in Redis and listed by <c>GET /api/channels/{channel}/presence</c>.
/// <see cref="Replica"/> is the WsBackend replica serving it (<c>wsbackend-1</c>); <see cref="PresenceReplicaId"/>
/// names that replica's process, so the entries of a process that died can be told from those of its successor.
/// </summary>
public sealed record PresenceMember(
    string Client,
    string Name,
    string Replica,
    [property: JsonConverter(typeof(UtcMillisecondsJsonConverter))] DateTimeOffset ConnectedAt,
    string PresenceReplicaId);

/// <summary>A join or leave, published on <see cref="RelayChannels.ToPresenceRedis"/>. <see cref="Type"/> is <see cref="Join"/> or <see cref="Leave"/>.</summary>
public sealed record PresenceEvent(string Type, string Channel, string Client, string Name, string Replica)
{
    public const string Join = "join";
    public const string Leave = "leave";
}

/// <summary>How presence stays correct when a replica dies without cleaning up.</summary>
public static class PresenceLimits
{
    /// <summary>How often each WsBackend process tells Redis it is alive, and sweeps after dead ones.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(5);

    /// <summary>A process silent this long is dead: its members are removed (with leave events) and no longer listed.</summary>
    public static readonly TimeSpan ReplicaExpiry = TimeSpan.FromSeconds(20);
}
