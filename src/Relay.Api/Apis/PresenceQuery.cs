using System.Text.Json;
using Relay.Contracts;
using StackExchange.Redis;

namespace Relay.Api.Apis;

/// <summary>
/// Reads a channel's members whose WsBackend process is alive: heartbeat (Redis <c>TIME</c>) within
/// <see cref="PresenceLimits.ReplicaExpiry"/>. The members of a process that died stay in Redis until another
/// process sweeps them; they are left out here from the moment it is past the expiry.
/// </summary>
internal static class PresenceQuery
{
    private static readonly RedisValue s_expiryMs = (long)PresenceLimits.ReplicaExpiry.TotalMilliseconds;

    /// <summary>One read-only script: the members and the live processes at the same instant. KEYS: presence hash, live processes. ARGV: expiry ms.</summary>
    private const string Script = """
        local now = redis.call('TIME')
        local alive = now[1] * 1000 + math.floor(now[2] / 1000) - tonumber(ARGV[1])
        return {redis.call('HGETALL', KEYS[1]), redis.call('ZRANGEBYSCORE', KEYS[2], alive, '+inf')}
        """;

    /// <exception cref="RedisException">Redis could not be reached or did not answer.</exception>
    public static async Task<List<PresenceMemberView>> ReadAsync(IDatabaseAsync db, string channel)
    {
        var result = (RedisResult[]?)await db.ScriptEvaluateAsync(
            Script, [RelayKeys.Presence(channel), RelayKeys.PresenceReplicas], [s_expiryMs]);
        if (result is not [var fields, var processes])
        {
            throw new InvalidOperationException("The presence script returned an unexpected result.");
        }

        var alive = new HashSet<string>(StringComparer.Ordinal);
        foreach (var process in (RedisValue[]?)processes ?? [])
        {
            alive.Add(process.ToString());
        }

        var entries = (RedisValue[]?)fields ?? [];
        var members = new List<PresenceMemberView>(entries.Length / 2);
        for (var i = 1; i < entries.Length; i += 2)
        {
            if (Decode(entries[i]) is { } member && alive.Contains(member.PresenceReplicaId))
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
