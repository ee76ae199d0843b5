using Relay.Contracts;
using StackExchange.Redis;

namespace Relay.WsBackend.Presence;

/// <summary>
/// The heartbeat: one script on the live processes (<see cref="RelayKeys.PresenceReplicas"/>, one slot), with Redis
/// <c>TIME</c> (ms) so the processes' clocks never matter.
/// </summary>
/// <remarks>
/// A score is a process's last heartbeat, or minus the time a sweep claimed it. Claiming and sweeping are apart
/// (a dead process's members lie in many slots), and a sweeper may die half way: so the dead process stays listed,
/// claimed, until its sweep is done, and a claim older than <see cref="PresenceLimits.ReplicaExpiry"/> is taken for
/// abandoned and claimed again by the next heartbeat, which sweeps it again (the sweep is idempotent). Negative
/// scores are never live to the Api's query, and a claimed process cannot heartbeat itself back: it must take a new
/// id and write its members again.
/// </remarks>
internal static class PresenceReplicaScripts
{
    private static readonly RedisKey[] s_replicasKey = [RelayKeys.PresenceReplicas];
    private static readonly long s_expiryMs = (long)PresenceLimits.ReplicaExpiry.TotalMilliseconds;

    // Milliseconds of Redis TIME are exact in Lua's doubles, and print exactly (13 digits fit %.14g).

    /// <summary>
    /// KEYS: live processes. ARGV: process id, expiry ms, '1' to claim the dead. Refreshes the process's heartbeat
    /// (adds it when missing), unless a sweep claimed it; then claims (score -now) every process silent past the
    /// expiry and every claim older than it. Returns {1 listed, 0 added or -1 claimed, the ids claimed}.
    /// </summary>
    private const string BeatScript = """
        local now = redis.call('TIME')
        local nowMs = now[1] * 1000 + math.floor(now[2] / 1000)
        local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
        local standing = 1
        if not score then
          standing = 0
          redis.call('ZADD', KEYS[1], nowMs, ARGV[1])
        elseif tonumber(score) < 0 then
          standing = -1
        else
          redis.call('ZADD', KEYS[1], nowMs, ARGV[1])
        end
        local claimed = {}
        if ARGV[3] == '1' then
          local cutoff = nowMs - tonumber(ARGV[2])
          claimed = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. -cutoff, '(' .. cutoff)
          for _, id in ipairs(claimed) do
            redis.call('ZADD', KEYS[1], -nowMs, id)
          end
        end
        return {standing, claimed}
        """;

    /// <param name="claimDead">Also claim the dead processes; the caller must then sweep them (<see cref="PresenceSweep"/>).</param>
    public static async Task<BeatResult> BeatAsync(IDatabaseAsync db, string processId, bool claimDead)
    {
        var result = (RedisResult[]?)await db.ScriptEvaluateAsync(BeatScript, s_replicasKey, [processId, s_expiryMs, claimDead ? "1" : "0"]);
        return result is [var standing, var claimed]
            ? new BeatResult(WasListed: (long)standing == 1, IsClaimed: (long)standing == -1, ToSweep: [.. ((RedisValue[]?)claimed ?? []).Select(id => id.ToString())])
            : throw new InvalidOperationException("The presence script BeatScript returned an unexpected result.");
    }
}
