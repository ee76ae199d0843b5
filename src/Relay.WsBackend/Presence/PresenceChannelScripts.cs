using System.Text.Json;
using Relay.Contracts;
using StackExchange.Redis;

namespace Relay.WsBackend.Presence;

/// <summary>
/// The Lua scripts that change one channel's members. Each touches only that channel's presence hash and publishes
/// on its presence event channel, both in the channel's slot (<see cref="RelayKeys.ChannelPrefix"/>), so it runs on
/// one shard of a cluster. Each runs atomically and publishes a join exactly when it adds a member to the hash and a
/// leave exactly when it removes one: events follow the hash, so a member is announced gone once however many
/// processes remove it at the same time. All are idempotent.
/// </summary>
internal static class PresenceChannelScripts
{
    // decode: a stored member as a Lua table, or nil for a field that is not one (written by something else).
    // leaveOf: the leave event of a stored member.
    private const string MemberFunctions = """
        local function decode(json)
          local ok, member = pcall(cjson.decode, json)
          if ok and type(member) == 'table' then
            return member
          end
          return nil
        end
        local function leaveOf(channel, member)
          return cjson.encode({type = 'leave', channel = channel, client = member.client, name = member.name, replica = member.replica})
        end

        """;

    /// <summary>KEYS: presence hash. ARGV: client, member, event channel, join event. Returns 1 when the member was added.</summary>
    private const string JoinScript = RedisPubSub.LuaPublishCommand + """
        local added = redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        if added == 1 then
          redis.call(publish, ARGV[3], ARGV[4])
        end
        return added
        """;

    /// <summary>KEYS: presence hash. ARGV: client, event channel, leave event. Returns 1 when the member was removed.</summary>
    private const string LeaveScript = RedisPubSub.LuaPublishCommand + """
        local removed = redis.call('HDEL', KEYS[1], ARGV[1])
        if removed == 1 then
          redis.call(publish, ARGV[2], ARGV[3])
        end
        return removed
        """;

    /// <summary>
    /// KEYS: presence hash. ARGV: process id, channel, event channel. Removes every member of that process. Returns
    /// how many (one leave each).
    /// </summary>
    private const string RemoveProcessScript = RedisPubSub.LuaPublishCommand + MemberFunctions + """
        local fields = redis.call('HGETALL', KEYS[1])
        local leaves = 0
        for i = 1, #fields, 2 do
          local member = decode(fields[i + 1])
          if member and member.presenceReplicaId == ARGV[1] then
            redis.call('HDEL', KEYS[1], fields[i])
            redis.call(publish, ARGV[3], leaveOf(ARGV[2], member))
            leaves = leaves + 1
          end
        end
        return leaves
        """;

    /// <summary>
    /// KEYS: presence hash. ARGV: process id, its previous id or '', channel, event channel, then 3 values per member
    /// the process has in the channel: client, member, join event. Makes them the process's only members there: removes
    /// (with a leave) the others of either id, adds (with a join) those missing, and rewrites the rest under the
    /// current id without an event. Returns {leaves, joins}.
    /// </summary>
    private const string SetMembersScript = RedisPubSub.LuaPublishCommand + MemberFunctions + """
        local keep = {}
        for i = 5, #ARGV, 3 do
          keep[ARGV[i]] = true
        end
        local fields = redis.call('HGETALL', KEYS[1])
        local leaves = 0
        for i = 1, #fields, 2 do
          local member = decode(fields[i + 1])
          if member and not keep[fields[i]]
            and (member.presenceReplicaId == ARGV[1] or (ARGV[2] ~= '' and member.presenceReplicaId == ARGV[2])) then
            redis.call('HDEL', KEYS[1], fields[i])
            redis.call(publish, ARGV[4], leaveOf(ARGV[3], member))
            leaves = leaves + 1
          end
        end
        local joins = 0
        for i = 5, #ARGV, 3 do
          if redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) == 1 then
            redis.call(publish, ARGV[4], ARGV[i + 2])
            joins = joins + 1
          end
        end
        return {leaves, joins}
        """;

    /// <returns>True when the member was added (and its join published); false when it was there already.</returns>
    public static async Task<bool> JoinAsync(IDatabaseAsync db, string channel, PresenceMember member)
    {
        RedisValue[] values = [member.Client, Serialize(member), RelayChannels.ToPresenceRedis(channel), Event(PresenceEvent.Join, channel, member)];
        return (long)await db.ScriptEvaluateAsync(JoinScript, [RelayKeys.Presence(channel)], values) == 1;
    }

    /// <returns>True when the member was still there (and its leave was published).</returns>
    public static async Task<bool> LeaveAsync(IDatabaseAsync db, string channel, PresenceMember member)
    {
        RedisValue[] values = [member.Client, RelayChannels.ToPresenceRedis(channel), Event(PresenceEvent.Leave, channel, member)];
        return (long)await db.ScriptEvaluateAsync(LeaveScript, [RelayKeys.Presence(channel)], values) == 1;
    }

    /// <returns>How many members of the process were removed (and leaves published).</returns>
    public static async Task<long> RemoveProcessAsync(IDatabaseAsync db, string channel, string processId) =>
        (long)await db.ScriptEvaluateAsync(
            RemoveProcessScript, [RelayKeys.Presence(channel)], [processId, channel, RelayChannels.ToPresenceRedis(channel)]);

    /// <param name="members">The process's members in the channel, each with <paramref name="processId"/> as its presence replica id.</param>
    /// <returns>How many leaves and joins were published.</returns>
    public static async Task<(long Leaves, long Joins)> SetMembersAsync(
        IDatabaseAsync db, string channel, string processId, string? previousId, IReadOnlyCollection<PresenceMember> members)
    {
        var values = new RedisValue[4 + (3 * members.Count)];
        values[0] = processId;
        values[1] = previousId ?? "";
        values[2] = channel;
        values[3] = RelayChannels.ToPresenceRedis(channel);
        var i = 4;
        foreach (var member in members)
        {
            values[i++] = member.Client;
            values[i++] = Serialize(member);
            values[i++] = Event(PresenceEvent.Join, channel, member);
        }

        var result = (long[]?)await db.ScriptEvaluateAsync(SetMembersScript, [RelayKeys.Presence(channel)], values);
        return result is [var leaves, var joins]
            ? (leaves, joins)
            : throw new InvalidOperationException("The presence script SetMembersScript returned an unexpected result.");
    }

    private static byte[] Serialize(PresenceMember member) =>
        JsonSerializer.SerializeToUtf8Bytes(member, ContractsJsonContext.Default.PresenceMember);

    private static byte[] Event(string type, string channel, PresenceMember member) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new PresenceEvent(type, channel, member.Client, member.Name, member.Replica), ContractsJsonContext.Default.PresenceEvent);
}
