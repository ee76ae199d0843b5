using Relay.Tests.Infrastructure;

namespace Relay.Tests.AppHost;

/// <summary>
/// The AppHost's local Redis Cluster, started alone (<see cref="ClusterOnlyApp"/>): formed once, and on a second start
/// over the same state folder rejoined from the nodes' <c>nodes.conf</c>, not formed again.
/// </summary>
[Trait("Category", "AppHost")]
public sealed class RedisClusterFormationTests
{
    [Fact]
    public async Task Cluster_FormsThreeShardsOfTwoNodes_AndASecondStartOnItsStateRejoinsTheSameCluster()
    {
        var state = Directory.CreateTempSubdirectory("relay-cluster-").FullName;
        try
        {
            Dictionary<string, string> ids = [];
            await using (var app = await ClusterOnlyApp.StartAsync(nameof(RedisClusterFormationTests), state))
            {
                Assert.Equal("formed", app.Formation);
                await using var cluster = await ClusterAccess.ConnectAsync(app.App);
                foreach (var node in cluster.Nodes)
                {
                    var info = await cluster.InfoAsync(node);
                    Assert.Equal("ok", info["cluster_state"]);
                    Assert.Equal("16384", info["cluster_slots_assigned"]);
                    Assert.Equal("16384", info["cluster_slots_ok"]);
                    Assert.Equal("6", info["cluster_known_nodes"]);
                    Assert.Equal("3", info["cluster_size"]);
                    ids[node.Resource] = await cluster.IdOfAsync(node);
                }

                await AssertShardsAsync(cluster);
                await AssertPasswordOnNoNodeCommandLineOrEnvironmentAsync(app);
            }

            await using (var app = await ClusterOnlyApp.StartAsync(nameof(RedisClusterFormationTests), state))
            {
                Assert.Equal("rejoined", app.Formation);
                await using var cluster = await ClusterAccess.ConnectAsync(app.App);
                foreach (var node in cluster.Nodes)
                {
                    Assert.Equal(ids[node.Resource], await cluster.IdOfAsync(node));
                    Assert.Equal("6", (await cluster.InfoAsync(node))["cluster_known_nodes"]);
                }

                await AssertShardsAsync(cluster);
            }
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    /// <summary>Nodes 1–3 own the slots, a third each, and node 4, 5, 6 replicates node 1, 2, 3 (or took over from it).</summary>
    private static async Task AssertShardsAsync(ClusterAccess cluster)
    {
        Assert.Equal(3, (await cluster.MastersAsync()).Count);
        foreach (var (slot, shard) in new[] { (0, 0), (5461, 1), (10923, 2), (16383, 2) })
        {
            var pair = new[] { cluster.Nodes[shard], cluster.Nodes[shard + 3] };
            var master = await cluster.MasterOfAsync(slot);
            Assert.Contains(master, pair);
            Assert.Equal(pair.Single(node => node != master), await cluster.ReplicaOfAsync(master));
        }
    }

    private static async Task AssertPasswordOnNoNodeCommandLineOrEnvironmentAsync(ClusterOnlyApp app)
    {
        var password = await app.Cluster.PasswordParameter.GetValueAsync(TestTimeouts.After(TestTimeouts.Step));
        Assert.False(string.IsNullOrEmpty(password));
        foreach (var node in app.Cluster.Nodes)
        {
            var pid = app.ProcessIdOf(node.Name);
            Assert.DoesNotContain(password, ProcessTree.CommandLineOf(pid), StringComparison.Ordinal);
            Assert.DoesNotContain(password, File.ReadAllText($"/proc/{pid}/environ"), StringComparison.Ordinal);
        }
    }
}
