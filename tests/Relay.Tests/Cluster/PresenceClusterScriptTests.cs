using System.Net;
using System.Text.Json;
using Relay.Contracts;
using Relay.Tests.Infrastructure;
using Relay.WsBackend.Presence;
using StackExchange.Redis;

namespace Relay.Tests.Cluster;

/// <summary>
/// WsBackend's presence scripts on a Redis Cluster of three masters: each touches one slot, publishes its events on
/// the shard of the channel (sharded pub/sub), and the sweep of a dead process reaches its members on every shard,
/// also when the sweeper that claimed it died half way.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class PresenceClusterScriptTests(RedisCluster cluster) : IClassFixture<RedisCluster>
{
    private const string Marker = "marker";

    private IDatabase Db => cluster.Connection.GetDatabase();

    [Fact(Timeout = 20_000)]
    public async Task JoinAndLeave_OnChannelsOfEveryShard_PublishOnceOnTheChannelsShard()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var process = UniqueId("join");
        foreach (var channel in ChannelsOnEveryShard("join"))
        {
            await using var events = await EventsOf(channel);

            Assert.True(await PresenceChannelScripts.JoinAsync(Db, channel, Member("alice", process)).WaitAsync(TestTimeouts.Step, cancellation));
            Assert.False(await PresenceChannelScripts.JoinAsync(Db, channel, Member("alice", process)).WaitAsync(TestTimeouts.Step, cancellation));
            Assert.True(await PresenceChannelScripts.LeaveAsync(Db, channel, Member("alice", process)).WaitAsync(TestTimeouts.Step, cancellation));
            Assert.False(await PresenceChannelScripts.LeaveAsync(Db, channel, Member("alice", process)).WaitAsync(TestTimeouts.Step, cancellation));

            Assert.Equal(["join alice", "leave alice"], await events.UntilMarkerAsync());
        }
    }

    [Fact(Timeout = 20_000)]
    public async Task SweepOfADeadProcess_RemovesItsMembersOnEveryShard_AndASweepCutShortIsFinishedByTheNextClaim()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var (dead, live, other) = (UniqueId("dead"), UniqueId("live"), UniqueId("other"));
        var channels = ChannelsOnEveryShard("sweep");
        var events = new List<Events>();
        try
        {
            foreach (var channel in channels)
            {
                events.Add(await EventsOf(channel));
                await Db.SetAddAsync(RelayKeys.PresenceReplicaChannels(dead), channel).WaitAsync(TestTimeouts.Step, cancellation);
                await PresenceChannelScripts.JoinAsync(Db, channel, Member("gone", dead)).WaitAsync(TestTimeouts.Step, cancellation);
            }

            await PresenceChannelScripts.JoinAsync(Db, channels[0], Member("stays", live)).WaitAsync(TestTimeouts.Step, cancellation);
            await Db.SortedSetAddAsync(RelayKeys.PresenceReplicas, dead, 1).WaitAsync(TestTimeouts.Step, cancellation);

            var claim = await PresenceReplicaScripts.BeatAsync(Db, live, claimDead: true).WaitAsync(TestTimeouts.Step, cancellation);
            Assert.Contains(dead, claim.ToSweep);
            Assert.True(await Db.SortedSetScoreAsync(RelayKeys.PresenceReplicas, dead).WaitAsync(TestTimeouts.Step, cancellation) < 0, "A claimed process is not live.");

            // The claimer dies after one channel: the claim keeps the others from sweeping until it is old.
            Assert.Equal(1, await PresenceChannelScripts.RemoveProcessAsync(Db, channels[0], dead).WaitAsync(TestTimeouts.Step, cancellation));
            Assert.DoesNotContain(dead, (await PresenceReplicaScripts.BeatAsync(Db, other, claimDead: true).WaitAsync(TestTimeouts.Step, cancellation)).ToSweep);
            await Db.SortedSetAddAsync(RelayKeys.PresenceReplicas, dead, -1).WaitAsync(TestTimeouts.Step, cancellation);

            var claimAgain = await PresenceReplicaScripts.BeatAsync(Db, other, claimDead: true).WaitAsync(TestTimeouts.Step, cancellation);
            Assert.Contains(dead, claimAgain.ToSweep);
            Assert.Equal(channels.Length - 1, await PresenceSweep.RunAsync(Db, dead, []).WaitAsync(TestTimeouts.Step, cancellation));

            Assert.Null(await Db.SortedSetScoreAsync(RelayKeys.PresenceReplicas, dead).WaitAsync(TestTimeouts.Step, cancellation));
            Assert.False(await Db.KeyExistsAsync(RelayKeys.PresenceReplicaChannels(dead)).WaitAsync(TestTimeouts.Step, cancellation));
            foreach (var (channel, channelEvents) in channels.Zip(events))
            {
                var first = channel == channels[0];
                var members = await Db.HashKeysAsync(RelayKeys.Presence(channel)).WaitAsync(TestTimeouts.Step, cancellation);
                Assert.Equal(first ? ["stays"] : [], members.Select(m => m.ToString()));
                Assert.Equal(first ? ["join gone", "join stays", "leave gone"] : ["join gone", "leave gone"], await channelEvents.UntilMarkerAsync());
            }

            // The dead process back: Redis does not list it, so it must write its members again under a new id.
            Assert.False((await PresenceReplicaScripts.BeatAsync(Db, dead, claimDead: false).WaitAsync(TestTimeouts.Step, cancellation)).WasListed);
        }
        finally
        {
            foreach (var channelEvents in events)
            {
                await channelEvents.DisposeAsync();
            }

            await Db.SortedSetRemoveAsync(RelayKeys.PresenceReplicas, [dead, live, other]).WaitAsync(TestTimeouts.Step, CancellationToken.None);
        }
    }

    [Fact(Timeout = 20_000)]
    public async Task SetMembers_RewritesTheOldIdsMembersUnderTheNewOne_RemovesTheRest_AndLeavesOtherProcessesAlone()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var (old, renewed, other) = (UniqueId("old"), UniqueId("new"), UniqueId("other"));
        var channel = ChannelsOnEveryShard("set")[0];
        await PresenceChannelScripts.JoinAsync(Db, channel, Member("kept", old)).WaitAsync(TestTimeouts.Step, cancellation);
        await PresenceChannelScripts.JoinAsync(Db, channel, Member("gone", old)).WaitAsync(TestTimeouts.Step, cancellation);
        await PresenceChannelScripts.JoinAsync(Db, channel, Member("theirs", other)).WaitAsync(TestTimeouts.Step, cancellation);
        await using var events = await EventsOf(channel);

        var first = await PresenceChannelScripts.SetMembersAsync(Db, channel, renewed, old, [Member("kept", renewed), Member("added", renewed)])
            .WaitAsync(TestTimeouts.Step, cancellation);
        var again = await PresenceChannelScripts.SetMembersAsync(Db, channel, renewed, null, [Member("kept", renewed), Member("added", renewed)])
            .WaitAsync(TestTimeouts.Step, cancellation);

        Assert.Equal((1, 1), first);
        Assert.Equal((0, 0), again);
        Assert.Equal(["leave gone", "join added"], await events.UntilMarkerAsync());
        var stored = (await Db.HashGetAllAsync(RelayKeys.Presence(channel)).WaitAsync(TestTimeouts.Step, cancellation))
            .ToDictionary(e => e.Name.ToString(), e => JsonSerializer.Deserialize(e.Value.ToString(), ContractsJsonContext.Default.PresenceMember)!.PresenceReplicaId);
        Assert.Equal(new Dictionary<string, string> { ["kept"] = renewed, ["added"] = renewed, ["theirs"] = other }, stored);
    }

    [Fact(Timeout = 20_000)]
    public async Task Beat_AddsAMissingProcess_RefreshesAListedOne_AndNeverRevivesAClaimedOne()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var process = UniqueId("beat");
        try
        {
            var added = await PresenceReplicaScripts.BeatAsync(Db, process, claimDead: false).WaitAsync(TestTimeouts.Step, cancellation);
            var listed = await PresenceReplicaScripts.BeatAsync(Db, process, claimDead: false).WaitAsync(TestTimeouts.Step, cancellation);
            await Db.SortedSetAddAsync(RelayKeys.PresenceReplicas, process, -2).WaitAsync(TestTimeouts.Step, cancellation);
            var claimed = await PresenceReplicaScripts.BeatAsync(Db, process, claimDead: false).WaitAsync(TestTimeouts.Step, cancellation);

            Assert.True(added is { WasListed: false, IsClaimed: false });
            Assert.True(listed is { WasListed: true, IsClaimed: false });
            Assert.True(claimed is { WasListed: false, IsClaimed: true });
            Assert.Equal(-2, await Db.SortedSetScoreAsync(RelayKeys.PresenceReplicas, process).WaitAsync(TestTimeouts.Step, cancellation));
        }
        finally
        {
            await Db.SortedSetRemoveAsync(RelayKeys.PresenceReplicas, process).WaitAsync(TestTimeouts.Step, CancellationToken.None);
        }
    }

    private static string UniqueId(string name) => $"{name}/{Guid.NewGuid():N}";

    private static PresenceMember Member(string client, string processId) =>
        new(client, client, "wsbackend-test", DateTimeOffset.UnixEpoch, processId);

    // Channels until each of the three masters owns at least one, in the order found.
    private string[] ChannelsOnEveryShard(string name)
    {
        var slots = cluster.Connection.GetServers()[0].ClusterConfiguration!;
        var channels = new List<string>();
        var shards = new HashSet<EndPoint>();
        while (shards.Count < 3)
        {
            var channel = RelayApi.UniqueChannel(name);
            if (shards.Add(slots.GetBySlot(cluster.Connection.HashSlot(RelayKeys.Presence(channel)))!.EndPoint!) || channels.Count == 0)
            {
                channels.Add(channel);
            }
        }

        return [.. channels];
    }

    private async Task<Events> EventsOf(string channel)
    {
        var redisChannel = RedisChannel.Sharded(RelayChannels.ToPresenceRedis(channel));
        var subscriber = cluster.Connection.GetSubscriber();
        return new Events(subscriber, redisChannel, await subscriber.SubscribeAsync(redisChannel).WaitAsync(TestTimeouts.Step, TestContext.Current.CancellationToken));
    }

    /// <summary>A channel's joins and leaves as "type client", read up to a marker published after them on the same shard.</summary>
    private sealed class Events(ISubscriber subscriber, RedisChannel channel, ChannelMessageQueue queue) : IAsyncDisposable
    {
        public async Task<string[]> UntilMarkerAsync()
        {
            var cancellation = TestContext.Current.CancellationToken;
            await subscriber.PublishAsync(channel, Marker).WaitAsync(TestTimeouts.Step, cancellation);
            var seen = new List<string>();
            while ((await queue.ReadAsync().AsTask().WaitAsync(TestTimeouts.Step, cancellation)).Message.ToString() is var message && message != Marker)
            {
                var presenceEvent = JsonSerializer.Deserialize(message, ContractsJsonContext.Default.PresenceEvent)!;
                seen.Add($"{presenceEvent.Type} {presenceEvent.Client}");
            }

            return [.. seen];
        }

        public async ValueTask DisposeAsync() => await queue.UnsubscribeAsync().WaitAsync(TestTimeouts.Step, CancellationToken.None);
    }
}
