using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Cluster;

/// <summary>The whole app on the local Redis Cluster (<see cref="ClusterApp"/>): the services run with nothing but their connection string changed.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class ClusterAppTests(ClusterApp relay)
{
    [Fact]
    public async Task Publish_OnAChannelOfEachShard_ReachesAClientOnEveryWsBackendReplica()
    {
        await relay.AllHealthyAsync();
        Assert.Equal(4, relay.ReplicaCount(ResourceNames.WsBackend));
        await using var cluster = await ClusterAccess.ConnectAsync(relay);
        var channels = await cluster.ChannelsOnEveryShardAsync(perShard: 1);
        var connectionString = await relay.GetConnectionStringAsync(ResourceNames.Redis);
        Assert.All(cluster.Nodes, node => Assert.Contains($"127.0.0.1:{node.Port},", connectionString, StringComparison.Ordinal));

        var clients = new List<(string Channel, WsTestClient Client)>();
        try
        {
            foreach (var channel in channels)
            {
                for (var replica = 0; replica < 4; replica++)
                {
                    clients.Add((channel, await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, replica, $"channel={channel}"))));
                }
            }

            using var api = relay.CreateHttpClient(ResourceNames.Api);
            foreach (var channel in channels)
            {
                var text = Publisher.UniqueText(channel);
                await Publisher.PublishAsync(api, channel, text);
                foreach (var (_, client) in clients.Where(c => c.Channel == channel))
                {
                    await client.ReceiveMessageAsync(text);
                }
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
}
