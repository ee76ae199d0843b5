using Relay.Contracts;
using StackExchange.Redis;

namespace Relay.WsBackend.Presence;

/// <summary>
/// This process's standing among the live processes, from the heartbeats the heartbeat and the writer send: whether
/// Redis forgot its id, and the lease under which the writer may write members under that id.
/// </summary>
/// <remarks>
/// Another process claims and sweeps this one once Redis has heard nothing from it for
/// <see cref="PresenceLimits.ReplicaExpiry"/>; a member written after that sweep passed its channel would stay
/// forever. So a member is only written within <see cref="Lease"/> of a heartbeat that found the process listed:
/// a write sent then runs (StackExchange.Redis gives up on a command after 5 s) before the expiry from that
/// heartbeat can let anyone claim it.
/// </remarks>
internal sealed class PresenceRegistration(PresenceProcess process, TimeProvider timeProvider)
{
    /// <summary>How long after sending a heartbeat that found it listed the process may write under its id.</summary>
    public static readonly TimeSpan Lease = PresenceLimits.ReplicaExpiry - (2 * PresenceLimits.Heartbeat);

    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _firstListed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // The id Redis last listed, when the heartbeat that said so was sent, and whether Redis forgot it since.
    private string? _listedId;
    private long _listedAt;
    private bool _forgotten;

    /// <summary>Completes once Redis listed this process for the first time: nothing is written before.</summary>
    public Task FirstListed => _firstListed.Task;

    /// <summary>Heartbeats this process, and claims the dead ones when <paramref name="claimDead"/> (the caller sweeps them).</summary>
    /// <returns>Whether Redis had forgotten this process (then <see cref="Renew"/> must come before any write), and the processes to sweep.</returns>
    public async Task<(bool Forgotten, string[] ToSweep)> BeatAsync(IDatabaseAsync db, bool claimDead)
    {
        var id = process.Id;
        var sentAt = timeProvider.GetTimestamp();
        var result = await PresenceReplicaScripts.BeatAsync(db, id, claimDead);
        return (Record(id, result, sentAt), result.ToSweep);
    }

    /// <summary>The id to write members under, when the lease holds; else the write must wait for a full write.</summary>
    public bool TryGetLease(out string processId)
    {
        lock (_gate)
        {
            processId = process.Id;
            return !_forgotten && _listedId == processId && timeProvider.GetElapsedTime(_listedAt) < Lease;
        }
    }

    /// <summary>Gives this process a new id, after Redis forgot the old one; the new one must be heartbeat before it is written.</summary>
    /// <returns>The old id.</returns>
    public string Renew()
    {
        lock (_gate)
        {
            var old = process.Id;
            process.Renew();
            _forgotten = false;
            return old;
        }
    }

    private bool Record(string id, BeatResult result, long sentAt)
    {
        lock (_gate)
        {
            // The id was renewed while this heartbeat was on its way: it says nothing about the current one.
            if (id != process.Id)
            {
                return false;
            }

            // Claimed, or missing after having been listed: taken for dead, or Redis lost its data. Its members may be
            // gone or going; until the process has a new id, later heartbeats (one may have added it back) change nothing.
            _forgotten |= result.IsClaimed || (!result.WasListed && _listedId == id);
            if (_forgotten)
            {
                return true;
            }

            _listedId = id;
            _listedAt = sentAt;
            _firstListed.TrySetResult();
            return false;
        }
    }
}
