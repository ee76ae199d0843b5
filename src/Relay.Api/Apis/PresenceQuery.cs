using System.Text.Json;
using Relay.Contracts;
using StackExchange.Redis;

namespace Relay.Api.Apis;

/// <summary>
/// Reads a channel's members whose WsBackend process is alive: heartbeat (Redis <c>TIME</c>) within
/// <see cref="PresenceLimits.ReplicaExpiry"/>. The members of a process that died stay in Redis until another
/// process sweeps them; they are left out here from the moment it is past the expiry.
/// </summary>
/// <remarks>
/// Two reads, since the channel's members and the live processes lie in different slots of a cluster. The members
/// first: a process is listed before it writes a member, so one found on a member is still listed by the second read
/// unless it died meanwhile. A process taken for dead never comes back under the same id (it writes its members again
/// under a new one).
/// </remarks>
internal static class PresenceQuery
{
    private static readonly RedisKey[] s_replicasKey = [RelayKeys.PresenceReplicas];
    private static readonly RedisValue[] s_expiryMs = [(long)PresenceLimits.ReplicaExpiry.TotalMilliseconds];

    /// <summary>
    /// KEYS: live processes. ARGV: expiry ms. The processes that heartbeat (Redis <c>TIME</c>) within the expiry; a
    /// process claimed by a sweep has a negative score, so is never among them.
    /// </summary>
    private const string LiveScript = """
        local now = redis.call('TIME')
        local alive = now[1] * 1000 + math.floor(now[2] / 1000) - tonumber(ARGV[1])
        return redis.call('ZRANGEBYSCORE', KEYS[1], alive, '+inf')
        """;

    /// <exception cref="RedisException">Redis could not be reached or did not answer.</exception>
    public static async Task<List<PresenceMemberView>> ReadAsync(IDatabaseAsync db, string channel)
    {
        var entries = await db.HashGetAllAsync(RelayKeys.Presence(channel));
        var live = (RedisValue[]?)await db.ScriptEvaluateAsync(LiveScript, s_replicasKey, s_expiryMs) ?? [];
        var alive = new HashSet<string>(live.Select(process => process.ToString()), StringComparer.Ordinal);

        var members = new List<PresenceMemberView>(entries.Length);
        foreach (var entry in entries)
        {
            if (Decode(entry.Value) is { } member && alive.Contains(member.PresenceReplicaId))
            {
                members.Add(new PresenceMemberView(member.Client, member.Name, member.Replica, member.ConnectedAt));
            }
        }

        members.Sort(static (a, b) =>
        {
            var byName = StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name);
            if (byName == 0)
            {
                byName = StringComparer.Ordinal.Compare(a.Name, b.Name);
            }

            return byName != 0 ? byName : StringComparer.Ordinal.Compare(a.Client, b.Client);
        });
        return members;
    }

    // An entry that is not a member (written by something else) is left out rather than failing the whole list.
    private static PresenceMember? Decode(RedisValue value)
    {
        try
        {
            return JsonSerializer.Deserialize(((ReadOnlyMemory<byte>)value).Span, ContractsJsonContext.Default.PresenceMember) is
            { Client: not null, Name: not null, Replica: not null, PresenceReplicaId: not null } member
                ? member
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
