namespace Relay.Contracts;

/// <summary>
/// Which pub/sub Relay's Lua scripts publish with, decided by the Redis that runs them, as WsBackend decides what it
/// subscribes with from the same Redis's version: sharded pub/sub (<c>SPUBLISH</c>) from Redis 7.0 on, so a
/// cluster's shard keeps a channel's messages to itself; classic <c>PUBLISH</c> on older Redis.
/// </summary>
public static class RedisPubSub
{
    /// <summary>The first Redis version with sharded pub/sub.</summary>
    public static readonly Version ShardedVersion = new(7, 0);

    /// <summary>A Lua line that sets <c>publish</c> to the command to publish with.</summary>
    public const string LuaPublishCommand = "local publish = (redis.REDIS_VERSION_NUM or 0) >= 458752 and 'SPUBLISH' or 'PUBLISH'\n";

    /// <summary>Whether a Redis of <paramref name="version"/> has sharded pub/sub.</summary>
    public static bool IsSharded(Version version) => version >= ShardedVersion;
}
