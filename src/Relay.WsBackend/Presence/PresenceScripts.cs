using System.Text.Json;
using Relay.Contracts;
using StackExchange.Redis;

namespace Relay.WsBackend.Presence;

/// <summary>
/// The Lua scripts that keep presence. Each runs atomically in Redis and publishes a join exactly when it adds a
/// member to a channel's hash and a leave exactly when it removes one, so events follow the hash: a dead process's
/// members are removed, and their leaves published, once however many processes sweep.
/// Heartbeats use Redis <c>TIME</c> (ms), so the processes' clocks never matter. Key prefixes come from
/// <see cref="RelayKeys"/> and <see cref="RelayChannels"/>, the one place they are named.
/// </summary>
internal static class PresenceScripts
{
    private static readonly string s_presencePrefix = RelayKeys.Presence("");
    private static readonly string s_replicaChannelsPrefix = "relay:presence-replica:{";
    private static readonly RedisKey[] s_replicasKey = [RelayKeys.PresenceReplicas];
    private static readonly long s_expiryMs = (long)PresenceLimits.ReplicaExpiry.TotalMilliseconds;

    // Milliseconds of Redis TIME; Lua numbers are doubles, exact for these (13 digits fit %.14g too).
    private const string NowMs = "local now = redis.call('TIME')\nlocal nowMs = now[1] * 1000 + math.floor(now[2] / 1000)\n";

    /// <summary>
    /// KEYS: presence hash, process channel set, live processes. ARGV: client, member, channel, process id, event
    /// channel, join event. Returns {member added, process added to the live processes}.
    /// </summary>
    private const string JoinScript = NowMs + """
        local added = redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        redis.call('SADD', KEYS[2], ARGV[3])
        local registered = redis.call('ZADD', KEYS[3], 'NX', nowMs, ARGV[4])
        if added == 1 then
          redis.call('PUBLISH', ARGV[5], ARGV[6])
        end
        return {added, registered}
        """;

    /// <summary>KEYS: presence hash, process channel set. ARGV: client, event channel, leave event, channel, '1' when no local member is left in it.</summary>
    private const string LeaveScript = """
        local removed = redis.call('HDEL', KEYS[1], ARGV[1])
        if removed == 1 then
          redis.call('PUBLISH', ARGV[2], ARGV[3])
        end
        if ARGV[5] == '1' then
          redis.call('SREM', KEYS[2], ARGV[4])
        end
        return removed
        """;

    // Removes every member of process `id` (with a leave each), its channel set and its heartbeat.
    // ARGV[2..4] are the prefixes of presence hashes, process channel sets and presence event channels.
    private const string RemoveProcess = """
        local function removeProcess(id)
          local leaves = 0
          local setKey = ARGV[3] .. id .. '}'
          for _, channel in ipairs(redis.call('SMEMBERS', setKey)) do
            local hash = 'relay:{' .. channel .. '}:presence'
            local fields = redis.call('HGETALL', hash)
            for i = 1, #fields, 2 do
              local ok, member = pcall(cjson.decode, fields[i + 1])
              if ok and type(member) == 'table' and member.presenceReplicaId == id then
                redis.call('HDEL', hash, fields[i])
                redis.call('PUBLISH', 'relay:{' .. channel .. '}:presence-events', cjson.encode({type = 'leave', channel = channel,
                  client = member.client, name = member.name, replica = member.replica}))
                leaves = leaves + 1
              end
            end
          end
          redis.call('DEL', setKey)
          redis.call('ZREM', KEYS[1], id)
          return leaves
        end

        """;

    /// <summary>
    /// KEYS: live processes. ARGV: process id, prefixes (3), expiry ms, mode. Mode <c>beat</c>: heartbeat, then
    /// remove every process silent past the expiry; returns {was this process known, dead processes, leaves}.
    /// Mode <c>stop</c>: remove this process; returns {0, 0, leaves}.
    /// </summary>
    private const string BeatScript = RemoveProcess + """
        if ARGV[6] == 'stop' then
          return {0, 0, removeProcess(ARGV[1])}
        end
        """ + "\n" + NowMs + """
        local known = 0
        if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
          known = 1
        end
        redis.call('ZADD', KEYS[1], nowMs, ARGV[1])
        local dead = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. (nowMs - tonumber(ARGV[5])))
        local leaves = 0
        for _, id in ipairs(dead) do
          leaves = leaves + removeProcess(id)
        end
        return {known, #dead, leaves}
        """;

    /// <summary>
    /// KEYS: live processes, process channel set. ARGV: process id, prefixes (3), then 4 values per local member:
    /// channel, client, member, join event. Writes this process's members again as the process knows them: removes
    /// (with a leave) those it no longer has, re-adds (with a join) those Redis lost or a sweep removed, rebuilds its
    /// channel set, heartbeats. Returns {leaves, joins}.
    /// </summary>
    private const string ReassertScript = NowMs + """
        redis.call('ZADD', KEYS[1], nowMs, ARGV[1])
        local keep = {}
        for i = 5, #ARGV, 4 do
          keep[ARGV[i] .. '\n' .. ARGV[i + 1]] = true
        end
        local leaves = 0
        for _, channel in ipairs(redis.call('SMEMBERS', KEYS[2])) do
          local hash = 'relay:{' .. channel .. '}:presence'
          local fields = redis.call('HGETALL', hash)
          for i = 1, #fields, 2 do
            local ok, member = pcall(cjson.decode, fields[i + 1])
            if ok and type(member) == 'table' and member.presenceReplicaId == ARGV[1] and not keep[channel .. '\n' .. fields[i]] then
              redis.call('HDEL', hash, fields[i])
              redis.call('PUBLISH', 'relay:{' .. channel .. '}:presence-events', cjson.encode({type = 'leave', channel = channel,
                client = member.client, name = member.name, replica = member.replica}))
              leaves = leaves + 1
            end
          end
        end
        redis.call('DEL', KEYS[2])
        local joins = 0
        for i = 5, #ARGV, 4 do
          local channel = ARGV[i]
          local added = redis.call('HSET', 'relay:{' .. channel .. '}:presence', ARGV[i + 1], ARGV[i + 2])
          redis.call('SADD', KEYS[2], channel)
          if added == 1 then
            redis.call('PUBLISH', 'relay:{' .. channel .. '}:presence-events', ARGV[i + 3])
            joins = joins + 1
          end
        end
        return {leaves, joins}
        """;

    /// <returns>
    /// True when the process was not among the live processes: it is new, or was taken for dead (then its other
    /// members are gone from Redis too).
    /// </returns>
    public static async Task<bool> JoinAsync(IDatabaseAsync db, string channel, PresenceMember member)
    {
        RedisKey[] keys = [RelayKeys.Presence(channel), RelayKeys.PresenceReplicaChannels(member.PresenceReplicaId), RelayKeys.PresenceReplicas];
        RedisValue[] values =
        [
            member.Client, Serialize(member), channel, member.PresenceReplicaId,
            RelayChannels.ToPresenceRedis(channel), Event(PresenceFrames.Join, channel, member),
        ];
        var result = (long[]?)await db.ScriptEvaluateAsync(JoinScript, keys, values);
        return result is [_, var registered] ? registered == 1 : throw Unexpected(nameof(JoinScript));
    }

    /// <returns>True when the member was still in Redis (and its leave was published).</returns>
    public static async Task<bool> LeaveAsync(IDatabaseAsync db, string channel, PresenceMember member, bool lastInChannel)
    {
        RedisKey[] keys = [RelayKeys.Presence(channel), RelayKeys.PresenceReplicaChannels(member.PresenceReplicaId)];
        RedisValue[] values =
        [
            member.Client, RelayChannels.ToPresenceRedis(channel), Event(PresenceFrames.Leave, channel, member),
            channel, lastInChannel ? "1" : "0",
        ];
        return (long)(await db.ScriptEvaluateAsync(LeaveScript, keys, values)) == 1;
    }

    public static async Task<BeatResult> BeatAsync(IDatabaseAsync db, string processId)
    {
        var result = (long[]?)await db.ScriptEvaluateAsync(BeatScript, s_replicasKey, [.. ProcessArgs(processId), s_expiryMs, "beat"]);
        return result is [var known, var dead, var leaves] ? new BeatResult(known == 1, dead, leaves) : throw Unexpected(nameof(BeatScript));
    }

    /// <returns>How many leaves were published.</returns>
    public static async Task<long> RemoveAsync(IDatabaseAsync db, string processId)
    {
        var result = (long[]?)await db.ScriptEvaluateAsync(BeatScript, s_replicasKey, [.. ProcessArgs(processId), s_expiryMs, "stop"]);
        return result is [_, _, var leaves] ? leaves : throw Unexpected(nameof(BeatScript));
    }

    /// <param name="members">Each local member and its channel.</param>
    /// <returns>How many leaves and joins were published.</returns>
    public static async Task<(long Leaves, long Joins)> ReassertAsync(
        IDatabaseAsync db, string processId, IReadOnlyCollection<(string Channel, PresenceMember Member)> members)
    {
        var values = new RedisValue[4 + (4 * members.Count)];
        ProcessArgs(processId).CopyTo(values, 0);
        var i = 4;
        foreach (var (channel, member) in members)
        {
            values[i++] = channel;
            values[i++] = member.Client;
            values[i++] = Serialize(member);
            values[i++] = Event(PresenceFrames.Join, channel, member);
        }

        RedisKey[] keys = [RelayKeys.PresenceReplicas, RelayKeys.PresenceReplicaChannels(processId)];
        var result = (long[]?)await db.ScriptEvaluateAsync(ReassertScript, keys, values);
        return result is [var leaves, var joins] ? (leaves, joins) : throw Unexpected(nameof(ReassertScript));
    }

    private static RedisValue[] ProcessArgs(string processId) =>
        [processId, s_presencePrefix, s_replicaChannelsPrefix, ""];

    private static byte[] Serialize(PresenceMember member) =>
        JsonSerializer.SerializeToUtf8Bytes(member, ContractsJsonContext.Default.PresenceMember);

    private static byte[] Event(string type, string channel, PresenceMember member) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new PresenceEvent(type, channel, member.Client, member.Name, member.Replica), ContractsJsonContext.Default.PresenceEvent);

    private static InvalidOperationException Unexpected(string script) => new($"The presence script {script} returned an unexpected result.");
}
