using System.Globalization;
using System.Net;
using Relay.Contracts;
using Relay.Tests.Infrastructure;
using StackExchange.Redis;

namespace Relay.Tests.AppHost;

/// <summary>
/// The local Redis Cluster under the faults the cluster tests inject through <see cref="ClusterAccess"/> (started alone,
/// <see cref="ClusterOnlyApp"/>): a master killed and failed over, a slot resharded under writes.
/// </summary>
[Trait("Category", "AppHost")]
public sealed class RedisClusterFaultTests
{
    [Fact]
    public async Task KilledMaster_IsReplacedByItsReplica_WithItsData_AndRejoinsAsItsReplicaWhenStartedAgain()
    {
        await using var app = await ClusterOnlyApp.StartAsync(nameof(RedisClusterFaultTests));
        await using var cluster = await ClusterAccess.ConnectAsync(app.App);
        await using var client = await ConnectClientAsync(app);
        const string channel = "failover";
        var slot = ClusterAccess.SlotOf(channel);
        Assert.Equal(client.HashSlot(RelayKeys.Stream(channel)), slot);
        var master = await cluster.MasterOfAsync(slot);
        var replica = await cluster.ReplicaOfAsync(master);
        var database = client.GetDatabase();
        await database.HashSetAsync(RelayKeys.Meta(channel), RelayKeys.OffsetField, 7).WaitAsync(TestTimeouts.Step, TestContext.Current.CancellationToken);
        // WAIT on the connection that wrote: the replica holds the write before its master dies.
        var acknowledged = await client.GetServer(new IPEndPoint(IPAddress.Loopback, master.Port)).ExecuteAsync("WAIT", 1, 5000).WaitAsync(TestTimeouts.Step, TestContext.Current.CancellationToken);
        Assert.Equal(1, (int)acknowledged);

        await cluster.KillAsync(master);
        var newMaster = await cluster.WaitForFailoverAsync(master, TestTimeouts.Step);

        Assert.Equal(replica, newMaster);
        Assert.Equal(newMaster, await cluster.MasterOfAsync(slot));
        Assert.Equal(7, await EventuallyAsync(async () => (long)await database.HashGetAsync(RelayKeys.Meta(channel), RelayKeys.OffsetField)));

        await cluster.RestartAsync(master, TestTimeouts.Recovery);
        Assert.Equal(master, await cluster.ReplicaOfAsync(newMaster));
        await app.App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Redis, TestTimeouts.After(TestTimeouts.Recovery));
    }

    [Fact]
    public async Task MovedSlot_TakesItsKeysToTheNewMaster_WhileAWriterKeepsWritingToIt()
    {
        await using var app = await ClusterOnlyApp.StartAsync(nameof(RedisClusterFaultTests));
        await using var cluster = await ClusterAccess.ConnectAsync(app.App);
        await using var client = await ConnectClientAsync(app);
        var channels = await cluster.ChannelsOnEveryShardAsync(perShard: 2);
        var masters = await cluster.MastersAsync();
        var owners = new List<RedisClusterNode>();
        foreach (var name in channels)
        {
            owners.Add(await cluster.MasterOfAsync(ClusterAccess.SlotOf(name)));
        }

        Assert.All(masters, master => Assert.True(owners.Count(owner => owner == master) >= 2, $"{master} owns fewer than 2 of {string.Join(", ", channels)}."));

        var channel = channels[0];
        var slot = ClusterAccess.SlotOf(channel);
        var target = masters.First(master => master != owners[0]);
        var database = client.GetDatabase();
        const int keys = 250;
        for (var i = 0; i < keys; i++)
        {
            await database.StringSetAsync(Key(channel, i), i).WaitAsync(TestTimeouts.Step, TestContext.Current.CancellationToken);
        }

        using var stop = new CancellationTokenSource();
        var writes = 0L;
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await database.HashIncrementAsync(RelayKeys.Meta(channel), RelayKeys.OffsetField).WaitAsync(TestTimeouts.Step, TestContext.Current.CancellationToken);
                writes++;
            }
        }, TestContext.Current.CancellationToken);

        await cluster.MoveSlotAsync(slot, target);
        await stop.CancelAsync();
        await writer.WaitAsync(TestTimeouts.Step, TestContext.Current.CancellationToken);

        Assert.Equal(target, await cluster.MasterOfAsync(slot));
        Assert.True(writes > 0);
        Assert.Equal(writes, (long)await database.HashGetAsync(RelayKeys.Meta(channel), RelayKeys.OffsetField).WaitAsync(TestTimeouts.Step, TestContext.Current.CancellationToken));
        for (var i = 0; i < keys; i++)
        {
            Assert.Equal(i, (int)await database.StringGetAsync(Key(channel, i)).WaitAsync(TestTimeouts.Step, TestContext.Current.CancellationToken));
        }
    }

    private static RedisKey Key(string channel, int i) => RelayKeys.ChannelPrefix(channel) + "test:" + i.ToString(CultureInfo.InvariantCulture);

    private static async Task<ConnectionMultiplexer> ConnectClientAsync(ClusterOnlyApp app)
    {
        var connectionString = await app.App.GetConnectionStringAsync(ResourceNames.Redis, TestTimeouts.After(TestTimeouts.Step));
        return await ConnectionMultiplexer.ConnectAsync(connectionString!).WaitAsync(TestTimeouts.Step, TestContext.Current.CancellationToken);
    }

    /// <summary>The first answer the client gets: it reaches the new master once it has read the cluster's new shape.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read)
    {
        var deadline = DateTime.UtcNow + TestTimeouts.Step;
        while (true)
        {
            try
            {
                return await read().WaitAsync(TestTimeouts.Step, TestContext.Current.CancellationToken);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }
        }
    }
}
