namespace Relay.Contracts;

/// <summary>How Relay channels map onto Redis pub/sub channels.</summary>
public static class RelayChannels
{
    /// <summary>Every Relay channel <c>x</c> is the Redis channel <c>relay:channel:x</c>.</summary>
    public const string RedisPrefix = "relay:channel:";

    /// <summary>Join and leave events of channel <c>x</c> go over the Redis channel <c>relay:presence-events:x</c>.</summary>
    public const string PresencePrefix = "relay:presence-events:";

    public const string PresencePattern = PresencePrefix + "*";

    /// <summary>The channel a client follows when it names none.</summary>
    public const string Default = "general";

    /// <summary>The Redis channel a WsBackend replica subscribes to while one of its sockets follows <paramref name="channel"/>.</summary>
    public static string ToRedis(string channel) => RedisPrefix + channel;

    public static string ToPresenceRedis(string channel) => PresencePrefix + channel;

    public static string? FromPresenceRedis(string redisChannel) =>
        redisChannel.StartsWith(PresencePrefix, StringComparison.Ordinal) ? redisChannel[PresencePrefix.Length..] : null;
}
