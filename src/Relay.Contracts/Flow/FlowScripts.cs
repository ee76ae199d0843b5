namespace Relay.Contracts.Flow;

/// <summary>
/// The Lua scripts over <see cref="RelayKeys.FlowNodes"/> and the <see cref="RelayKeys.FlowNode(string)"/> keys, one
/// round trip each. Times are Redis's own clock, so instances on hosts with skewed clocks still expire alike.
/// </summary>
public static class FlowScripts
{
    /// <summary>
    /// Writes one instance's snapshot and drops the index members whose keys expired.
    /// KEYS: node key, <see cref="RelayKeys.FlowNodes"/>. ARGV: member, snapshot JSON, expiry (ms).
    /// </summary>
    public const string Write = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
        redis.call('ZADD', KEYS[2], string.format('%d', now + tonumber(ARGV[3])), ARGV[1])
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', string.format('%d', now))
        return 1
        """;

    /// <summary>Removes one instance's snapshot at its shutdown. KEYS: node key, <see cref="RelayKeys.FlowNodes"/>. ARGV: member.</summary>
    public const string Remove = """
        redis.call('DEL', KEYS[1])
        redis.call('ZREM', KEYS[2], ARGV[1])
        return 1
        """;

    /// <summary>
    /// Reads the snapshots written within the last expiry − <c>ARGV[2]</c> ms (nil for one that expired meanwhile).
    /// Read-only: the writers drop expired members. KEYS: <see cref="RelayKeys.FlowNodes"/>. ARGV:
    /// <see cref="RelayKeys.FlowNodePrefix"/>, expiry − stale-after (ms).
    /// </summary>
    public const string Read = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local members = redis.call('ZRANGEBYSCORE', KEYS[1], string.format('%d', now + tonumber(ARGV[2])), '+inf')
        if #members == 0 then
          return {}
        end
        local keys = {}
        for i, member in ipairs(members) do
          keys[i] = ARGV[1] .. member
        end
        return redis.call('MGET', unpack(keys))
        """;
}
