namespace Relay.Contracts;

/// <summary>How Relay channels map onto Redis pub/sub channels.</summary>
public static class RelayChannels
{
    /// <summary>Every Relay channel <c>x</c> is the Redis channel <c>relay:channel:x</c>.</summary>
    public const string RedisPrefix = "relay:channel:";

    /// <summary>Join and leave events of channel <c>x</c> go over the Redis channel <c>relay:presence-events:x</c>.</summary>
    public const string PresencePrefix = "relay:presence-events:";

    public const string PresencePattern = PresencePrefix + "*";

    /// <summary>
    /// Channels whose name starts with this are private: following one, or reading its history or presence, always needs
    /// a grant that names the private namespace (<see cref="ChannelGrants"/>), never only a token-less or wildcard one.
    /// </summary>
    public const string PrivatePrefix = "private:";

    public static bool IsPrivate(string channel) => channel.StartsWith(PrivatePrefix, StringComparison.Ordinal);

    /// <summary>The private channel of one person (<c>private:alice</c>), or null when the name cannot be part of a channel name.</summary>
    public static string? PrivateOf(string name) => ChannelName.IsValid(PrivatePrefix + name) ? PrivatePrefix + name : null;

    /// <summary>The channel a client follows when it names none.</summary>
    public const string Default = "general";

    /// <summary>The Redis channel a WsBackend replica subscribes to while one of its sockets follows <paramref name="channel"/>.</summary>
    public static string ToRedis(string channel) => RedisPrefix + channel;

    public static string ToPresenceRedis(string channel) => PresencePrefix + channel;

    public static string? FromPresenceRedis(string redisChannel) =>
        redisChannel.StartsWith(PresencePrefix, StringComparison.Ordinal) ? redisChannel[PresencePrefix.Length..] : null;
}
