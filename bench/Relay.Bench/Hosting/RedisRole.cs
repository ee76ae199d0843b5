namespace Relay.Bench.Hosting;

/// <summary>What a Redis process of a stack is: a master takes the writes of its slots, a replica copies a master's.</summary>
internal static class RedisRole
{
    public const string Master = "master";
    public const string Replica = "replica";
}
