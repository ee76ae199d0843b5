using Relay.Contracts;
using StackExchange.Redis;

namespace Relay.WsBackend.Presence;

/// <summary>
/// Removes a process from presence: its members (one leave each), then its channel set, then its heartbeat. Run by a
/// process on itself when it stops, and on a dead one its heartbeat claimed (<see cref="PresenceReplicaScripts"/>).
/// </summary>
internal static class PresenceSweep
{
    /// <param name="knownChannels">Channels to look in besides the process's channel set (the stopping process's own list).</param>
    /// <returns>How many leaves were published.</returns>
    /// <remarks>
    /// Each step is idempotent, and what tells the next sweeper there is work left goes last: the channel set only
    /// once every channel in it is done, the heartbeat entry only once the set is gone. A sweep cut short is run
    /// again whole by whoever claims the process next.
    /// </remarks>
    public static async Task<long> RunAsync(IDatabaseAsync db, string processId, IEnumerable<string> knownChannels)
    {
        var setKey = RelayKeys.PresenceReplicaChannels(processId);
        var channels = new HashSet<string>(knownChannels, StringComparer.Ordinal);
        foreach (var channel in await db.SetMembersAsync(setKey))
        {
            channels.Add(channel.ToString());
        }

        // One script per channel, all sent before any answer is awaited: a process may have members in thousands.
        var leaves = await Task.WhenAll(channels.Select(channel => PresenceChannelScripts.RemoveProcessAsync(db, channel, processId)));
        await db.KeyDeleteAsync(setKey);
        await db.SortedSetRemoveAsync(RelayKeys.PresenceReplicas, processId);
        return leaves.Sum();
    }
}
