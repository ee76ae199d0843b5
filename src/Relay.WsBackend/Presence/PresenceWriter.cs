using Microsoft.Extensions.Logging;
using Relay.Contracts;
using StackExchange.Redis;

namespace Relay.WsBackend.Presence;

/// <summary>
/// Writes this process's members to Redis, one call at a time (the tracker's writer, then the removal on stop), each
/// under the id the process has when it is written. A channel enters the process's channel set before its first
/// member is written and leaves it after its last is removed, so a crash between the two never leaves a member that
/// the sweep of the process cannot find.
/// </summary>
internal sealed class PresenceWriter(
    IConnectionMultiplexer redis,
    PresenceProcess process,
    PresenceRegistration registration,
    ILogger<PresenceWriter> logger)
{
    // The channels where the current id may have members: added before their SADD, removed after their SREM, so
    // the channel set in Redis never holds one that is not here (a failed write is followed by a full write).
    private readonly HashSet<string> _channels = new(StringComparer.Ordinal);

    // The id this process had before Redis forgot it, until its members and entries are removed.
    private string? _previousId;

    // The last write: one the stopping writer gave up waiting for may still be under way.
    private Task _last = Task.CompletedTask;

    /// <returns>False when the lease lapsed (<see cref="PresenceRegistration"/>): nothing was written.</returns>
    public Task<bool> JoinAsync(string channel, PresenceIdentity who) => Track(JoinCoreAsync(channel, who));

    /// <param name="lastInChannel">No local member is left in the channel: it leaves the process's channel set.</param>
    /// <returns>False when the lease lapsed: nothing was written.</returns>
    public Task<bool> LeaveAsync(string channel, PresenceIdentity who, bool lastInChannel) => Track(LeaveCoreAsync(channel, who, lastInChannel));

    /// <summary>
    /// Makes Redis hold exactly <paramref name="members"/> for this process, in every channel it may have members in
    /// (here or in its channel set): a leave for each it had that is gone, a join for each it lacked. When Redis forgot
    /// the process, it first takes a new id, and its members under the old one are rewritten under the new or removed.
    /// </summary>
    /// <returns>How many leaves and joins were published.</returns>
    public Task<(long Leaves, long Joins)> ReassertAsync(IReadOnlyCollection<(string Channel, PresenceIdentity Who)> members) =>
        Track(ReassertCoreAsync(members));

    /// <summary>Removes this process from presence (on stop, once the writer is done).</summary>
    /// <returns>How many leaves were published.</returns>
    public async Task<long> RemoveAllAsync()
    {
        // Lets the last write land first (its failure is the writer's business), or it could come after the removal.
        await Task.WhenAny(_last);
        return await PresenceSweep.RunAsync(redis.GetDatabase(), process.Id, _channels);
    }

    private async Task<bool> JoinCoreAsync(string channel, PresenceIdentity who)
    {
        if (!registration.TryGetLease(out var id))
        {
            return false;
        }

        var db = redis.GetDatabase();
        if (_channels.Add(channel))
        {
            await db.SetAddAsync(RelayKeys.PresenceReplicaChannels(id), channel);
        }

        await PresenceChannelScripts.JoinAsync(db, channel, Member(who, id));
        return true;
    }

    private async Task<bool> LeaveCoreAsync(string channel, PresenceIdentity who, bool lastInChannel)
    {
        if (!registration.TryGetLease(out var id))
        {
            return false;
        }

        var db = redis.GetDatabase();
        await PresenceChannelScripts.LeaveAsync(db, channel, Member(who, id));
        if (lastInChannel)
        {
            await db.SetRemoveAsync(RelayKeys.PresenceReplicaChannels(id), channel);
            _channels.Remove(channel);
        }

        return true;
    }

    private async Task<(long Leaves, long Joins)> ReassertCoreAsync(IReadOnlyCollection<(string Channel, PresenceIdentity Who)> members)
    {
        var db = redis.GetDatabase();
        if ((await registration.BeatAsync(db, claimDead: false)).Forgotten)
        {
            _previousId = registration.Renew();
            Log.ProcessForgotten(logger, _previousId, process.Id);
            await registration.BeatAsync(db, claimDead: false);
        }

        if (!registration.TryGetLease(out var id))
        {
            throw new InvalidOperationException($"Redis did not list presence process {id} after its heartbeat.");
        }

        var previous = _previousId;
        var local = members.GroupBy(m => m.Channel, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(m => Member(m.Who, id)).ToList(), StringComparer.Ordinal);
        var channels = new HashSet<string>(_channels, StringComparer.Ordinal);
        channels.UnionWith(local.Keys);
        await AddSetMembersAsync(db, id, channels);
        if (previous is not null)
        {
            await AddSetMembersAsync(db, previous, channels);
        }

        _channels.UnionWith(local.Keys);
        if (local.Count > 0)
        {
            await db.SetAddAsync(RelayKeys.PresenceReplicaChannels(id), [.. local.Keys.Select(c => (RedisValue)c)]);
        }

        // One script per channel, all sent before any answer is awaited: a process may have members in thousands.
        var written = await Task.WhenAll(channels.Select(
            channel => PresenceChannelScripts.SetMembersAsync(db, channel, id, previous, local.GetValueOrDefault(channel) ?? [])));

        var gone = channels.Where(c => !local.ContainsKey(c)).Select(c => (RedisValue)c).ToArray();
        if (gone.Length > 0)
        {
            await db.SetRemoveAsync(RelayKeys.PresenceReplicaChannels(id), gone);
        }

        _channels.IntersectWith(local.Keys);
        if (previous is not null)
        {
            await db.KeyDeleteAsync(RelayKeys.PresenceReplicaChannels(previous));
            await db.SortedSetRemoveAsync(RelayKeys.PresenceReplicas, previous);
            _previousId = null;
        }

        return (written.Sum(w => w.Leaves), written.Sum(w => w.Joins));
    }

    private Task<T> Track<T>(Task<T> write)
    {
        _last = write;
        return write;
    }

    private static async Task AddSetMembersAsync(IDatabaseAsync db, string processId, HashSet<string> channels)
    {
        foreach (var channel in await db.SetMembersAsync(RelayKeys.PresenceReplicaChannels(processId)))
        {
            channels.Add(channel.ToString());
        }
    }

    private PresenceMember Member(PresenceIdentity who, string processId) =>
        new(who.Client, who.Name, process.Replica, who.ConnectedAt, processId);
}
