namespace Relay.Contracts;

/// <summary>How Relay channels map onto Redis pub/sub channels.</summary>
public static class RelayChannels
{
    /// <summary>Every Relay channel <c>x</c> is the Redis channel <c>relay:channel:x</c>.</summary>
    public const string RedisPrefix = "relay:channel:";

    /// <summary>The pattern a WsBackend replica subscribes to.</summary>
    public const string RedisPattern = RedisPrefix + "*";

    /// <summary>The channel a client follows when it names none.</summary>
    public const string Default = "general";

    public static string ToRedis(string channel) => RedisPrefix + channel;

    public static string? FromRedis(string redisChannel) =>
        redisChannel.StartsWith(RedisPrefix, StringComparison.Ordinal) ? redisChannel[RedisPrefix.Length..] : null;
}
