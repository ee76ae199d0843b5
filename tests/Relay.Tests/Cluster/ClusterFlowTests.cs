using System.Net;
using Relay.Contracts;
using Relay.Tests.Faults;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Cluster;

/// <summary>
/// The whole flow on a 3-master Redis Cluster (one replica each) with 4 WsBackend replicas: channels on every shard
/// reach followers on every replica, through sharded pub/sub on the shard that owns each channel; history and
/// presence read from that shard; a killed WsBackend replica's clients recover on another.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class ClusterFlowTests(ClusterApp relay)
{
    private const int Messages = 15;

    [Fact(Timeout = 90_000)]
    public async Task ChannelsOnEveryShard_ReachFollowersOnEveryReplica_WithHistoryAndPresence_FromTheirShard()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await relay.AllHealthyAsync();
        await using var cluster = await ClusterAccess.ConnectAsync(relay);
        var channels = await cluster.ChannelsOnEveryShardAsync(perShard: 2, prefix: RelayApi.UniqueChannel("shard"));
        var replicas = relay.ReplicaCount(ResourceNames.WsBackend);
        Assert.Equal(4, replicas);

        var clients = new List<(string Channel, RecoveringClient Client)>();
        try
        {
            foreach (var channel in channels)
            {
                for (var replica = 0; replica < replicas; replica++)
                {
                    clients.Add((channel, await RecoveringClient.ConnectAsync(relay.WsBackendsFrom(replica), channel, name: $"p{replica}")));
                }
            }

            // Each replica follows each channel on the shard that owns it, and on no other.
            foreach (var channel in channels)
            {
                var owner = await cluster.MasterOfAsync(ClusterAccess.SlotOf(channel));
                foreach (var master in await cluster.MastersAsync())
                {
                    Assert.Equal(master == owner ? replicas : 0, await cluster.ShardSubscribersAsync(master, RelayChannels.ToRedis(channel)));
                }
            }

            using var api = relay.CreateHttpClient(ResourceNames.Api);
            var published = new Dictionary<string, List<PublishedMessage>>();
            foreach (var channel in channels)
            {
                published[channel] = [.. await RelayApi.PublishManyAsync(api, channel, Messages, "m")];
                Assert.Equal(Enumerable.Range(1, Messages).Select(i => (long)i), published[channel].Select(p => p.Offset));
            }

            foreach (var (channel, client) in clients)
            {
                await client.WaitForOffsetAsync(Messages, TestTimeouts.Step, cancellation);
                client.AssertReceivedExactly(published[channel].ToDictionary(p => p.Offset, p => p.Id), published[channel][0].Epoch);
            }

            foreach (var channel in channels)
            {
                var history = (await RelayApi.GetHistoryAsync(api, channel)).Expect(HttpStatusCode.OK).Body;
                Assert.Equal(published[channel].Select(p => p.Id), history.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetString()));

                // Joins are written after the subscribe is answered: the list may take a moment to fill.
                var expectedNames = string.Join(",", Enumerable.Range(0, replicas).Select(r => $"p{r}"));
                var names = "";
                for (var attempt = 0; attempt < 100 && names != expectedNames; attempt++)
                {
                    await Task.Delay(attempt == 0 ? 0 : 100, cancellation);
                    var presence = (await RelayApi.GetPresenceAsync(api, channel)).Expect(HttpStatusCode.OK).Body;
                    names = string.Join(",", presence.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("name").GetString()).Order());
                }

                Assert.Equal(expectedNames, names);
            }
        }
        finally
        {
            foreach (var (_, client) in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task KilledWsBackendReplica_ItsClientsRecoverOnAnother_AndEveryClientGetsAllMessagesOnceInOrder()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await relay.AllHealthyAsync();
        var channel = RelayApi.UniqueChannel("cluster-kill");
        await using var killed = await RecoveringClient.ConnectAsync(relay.WsBackendsFrom(2), channel);
        await using var survivor = await RecoveringClient.ConnectAsync(relay.WsBackendsFrom(3), channel);
        Assert.Equal(relay.Replica(ResourceNames.WsBackend, 2).InstanceId, killed.Replica);
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var publisher = new SteadyPublisher(api, channel, count: 1_000, perSecond: 250);

        var publishing = publisher.RunAsync();
        await publisher.WhenAcknowledged(250).WaitAsync(TestTimeouts.Step, cancellation);
        var killedPid = relay.Kill(ResourceNames.WsBackend, 2);
        try
        {
            var acks = await publishing.WaitAsync(TestTimeouts.Recovery, cancellation);
            var (expected, epoch) = Acknowledgements.AssertOnePositionEach(acks);
            foreach (var client in new[] { killed, survivor })
            {
                await client.WaitForOffsetAsync(expected.Count, TestTimeouts.Step, cancellation);
                client.AssertReceivedExactly(expected, epoch);
                Assert.DoesNotContain(client.Subscribed, s => s.Recovered == false);
            }

            Assert.True(killed.Subscribed.Any(s => s.Connection > 1 && s.Recovered == true), $"{killed.Describe()} was not recovered on reconnecting.");
            Assert.Empty(survivor.Closes);
        }
        finally
        {
            await relay.WaitForReplacementAsync(ResourceNames.WsBackend, 2, killedPid);
        }
    }
}
