using System.Globalization;
using System.Net;
using System.Text.Json;
using Relay.Contracts;
using Relay.Tests.Faults;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Cluster;

/// <summary>
/// Redis Cluster faults under a steady publish, with a follower on each of the 4 WsBackend replicas: a master
/// killed (its replica is promoted) and a slot moved to another master (resharding). Publishers retry with their
/// idempotency keys through the 503s and 504s; every acknowledged message that survived in Redis reaches every
/// follower once, in offset order, and what a failover lost is told (<c>recovered:false</c>), never silent.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class ClusterFaultTests(ClusterApp relay)
{
    [Fact(Timeout = 120_000)]
    public async Task MasterKilledMidStream_ItsReplicaTakesOver_EverySurvivingMessageReachesEveryFollowerOnce_AndLossesAreTold()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await relay.AllHealthyAsync();
        await using var cluster = await ClusterAccess.ConnectAsync(relay);
        var channel = RelayApi.UniqueChannel("failover");
        var master = await cluster.MasterOfAsync(ClusterAccess.SlotOf(channel));
        var followers = await FollowOnEveryReplicaAsync(channel);
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var publisher = new SteadyPublisher(api, channel, count: 800, perSecond: 200) { WithIdempotencyKeys = true, RetryFor = TimeSpan.FromSeconds(40) };
        try
        {
            var publishing = publisher.RunAsync();
            await publisher.WhenAcknowledged(200).WaitAsync(TestTimeouts.Step, cancellation);
            await cluster.KillAsync(master);
            await cluster.WaitForFailoverAsync(master, TestTimeouts.Recovery);
            var acks = await publishing.WaitAsync(TestTimeouts.Recovery, cancellation);
            var retried = acks.Count(a => a.Attempts.Count > 1);
            TestContext.Current.TestOutputHelper?.WriteLine($"{retried} of {acks.Count} messages were retried through the failover.");

            // What Redis kept is the truth: one run of offsets, the promoted master's epoch starting where the old one's kept offsets end.
            var history = await ReadWholeHistoryAsync(api, channel, cancellation);
            Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(h => h.Offset));
            Assert.Equal(history.Count, history.Select(h => h.Id).Distinct().Count());
            var epochs = history.Select(h => h.Epoch).Distinct().ToList();
            Assert.True(epochs.Count == 2, $"Expected the promoted master to begin a second epoch; the history holds {string.Join(", ", epochs)}.");
            var (before, after) = (epochs[0], epochs[1]);
            var start = history.First(h => h.Epoch == after).Offset;

            // Each acknowledged message is in the history, or was lost with the old master's last, unreplicated writes.
            var kept = history.ToDictionary(h => (h.Offset, h.Epoch), h => h.Id);
            var lost = acks.Where(a => !kept.TryGetValue((a.Answer.Offset, a.Answer.Epoch), out var id) || id != a.Answer.Id).ToList();
            Assert.All(lost, a => Assert.True(a.Answer.Epoch == before && a.Answer.Offset >= start,
                $"Acknowledged message {a.Text} at {a.Answer.Offset}@{a.Answer.Epoch} is missing, and was not among the old master's last writes (from {start})."));
            TestContext.Current.TestOutputHelper?.WriteLine($"Epoch {after} starts at offset {start}; {lost.Count} acknowledged message(s) were lost in the failover.");

            foreach (var follower in followers)
            {
                await follower.WaitForOffsetAsync(history.Count, TestTimeouts.Step, cancellation);
                AssertGotTheHistoryOnceInOrder(follower, history, kept, after, start);
            }
        }
        finally
        {
            await cluster.RestartAsync(master, TestTimeouts.Recovery);
            foreach (var follower in followers)
            {
                await follower.DisposeAsync();
            }
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task SlotMovedToAnotherMasterMidStream_NothingIsLostOrRepeated_AndTheEpochStays()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await relay.AllHealthyAsync();
        await using var cluster = await ClusterAccess.ConnectAsync(relay);
        var channel = RelayApi.UniqueChannel("reshard");
        var slot = ClusterAccess.SlotOf(channel);
        var from = await cluster.MasterOfAsync(slot);
        var to = (await cluster.MastersAsync()).First(m => m != from);
        var followers = await FollowOnEveryReplicaAsync(channel);
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var publisher = new SteadyPublisher(api, channel, count: 800, perSecond: 200) { WithIdempotencyKeys = true };
        try
        {
            var publishing = publisher.RunAsync();
            await publisher.WhenAcknowledged(200).WaitAsync(TestTimeouts.Step, cancellation);
            await cluster.MoveSlotAsync(slot, to);
            Assert.True(publisher.Acknowledged < 800, "The move ended after the last publish: nothing was published meanwhile.");
            var acks = await publishing.WaitAsync(TestTimeouts.Recovery, cancellation);
            Assert.Equal(to, await cluster.MasterOfAsync(slot));

            var (expected, epoch) = Acknowledgements.AssertOnePositionEach(acks);
            foreach (var follower in followers)
            {
                await follower.WaitForOffsetAsync(expected.Count, TestTimeouts.Step, cancellation);
                follower.AssertReceivedExactly(expected, epoch);
                Assert.DoesNotContain(follower.Subscribed, s => s.Recovered == false);
            }
        }
        finally
        {
            foreach (var follower in followers)
            {
                await follower.DisposeAsync();
            }
        }
    }

    private async Task<List<RecoveringClient>> FollowOnEveryReplicaAsync(string channel)
    {
        var followers = new List<RecoveringClient>();
        for (var replica = 0; replica < relay.ReplicaCount(ResourceNames.WsBackend); replica++)
        {
            followers.Add(await RecoveringClient.ConnectAsync(relay.WsBackendsFrom(replica), channel));
        }

        return followers;
    }

    /// <summary>
    /// Every kept message once, in offset order; anything else the follower got is one of the old master's lost writes
    /// (old epoch, from <paramref name="start"/> on), and a <c>recovered:false</c> into the new epoch came after it.
    /// </summary>
    private static void AssertGotTheHistoryOnceInOrder(
        RecoveringClient follower, List<Stored> history, Dictionary<(long, string), string> kept, string newEpoch, long start)
    {
        var messages = follower.Messages;
        var keptSeen = messages.Where(m => m.Epoch is { } e && kept.TryGetValue((m.Offset, e), out var id) && id == m.Id).ToList();
        Assert.True(keptSeen.Select(m => m.Id).SequenceEqual(history.Select(h => h.Id)),
            $"{follower.Describe()} did not get the {history.Count} kept messages once each, in order: " +
            OffsetRuns.Defects(keptSeen.Select(m => m.Offset).ToList(), history.Select(h => h.Offset).ToList()));

        var told = follower.Subscribed.Where(s => s.Recovered == false).ToList();
        Assert.All(told, s => Assert.True(s.Epoch == newEpoch && s.Offset == start - 1, $"{follower.Describe()}: an unexpected loss report {s}."));
        foreach (var other in messages.Except(keptSeen))
        {
            Assert.True(other.Offset >= start && other.Epoch != newEpoch, $"{follower.Describe()} got {other.Offset}@{other.Epoch}, which Redis does not hold.");
            Assert.True(told.Any(s => s.Sequence > other.Sequence), $"{follower.Describe()} got lost message {other.Offset}@{other.Epoch} and was never told.");
        }
    }

    private static async Task<List<Stored>> ReadWholeHistoryAsync(HttpClient api, string channel, CancellationToken cancellationToken)
    {
        var stored = new List<Stored>();
        for (var page = 0; page < 100; page++)
        {
            var since = stored.Count == 0 ? "0" : stored[^1].Offset.ToString(CultureInfo.InvariantCulture);
            var body = (await RelayApi.GetHistoryAsync(api, channel, $"since={since}&limit={HistoryLimits.MaxPage}")).Expect(HttpStatusCode.OK).Body;
            var messages = body.GetProperty("messages").EnumerateArray().Select(Stored.From).ToList();
            if (messages.Count == 0)
            {
                return stored;
            }

            stored.AddRange(messages);
            cancellationToken.ThrowIfCancellationRequested();
        }

        throw new InvalidOperationException("The history did not end within 100 pages.");
    }

    private sealed record Stored(long Offset, string Epoch, string Id)
    {
        public static Stored From(JsonElement message) =>
            new(message.GetProperty("offset").GetInt64(), message.GetProperty("epoch").GetString()!, message.GetProperty("id").GetString()!);
    }
}
