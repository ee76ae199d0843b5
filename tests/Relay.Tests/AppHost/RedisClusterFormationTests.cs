using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Relay.Contracts;
using Relay.Tests.Infrastructure;
using Xunit.Sdk;

namespace Relay.Tests.AppHost;

/// <summary>
/// The AppHost's local Redis Cluster, started alone (the model's projects removed): formed once, and on a second start
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
            await using (var app = await StartClusterOnlyAsync(state))
            {
                Assert.Equal("formed", Formation(app));
                await using var cluster = await ClusterAccess.ConnectAsync(app);
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
                await StopAsync(app);
            }

            await using (var app = await StartClusterOnlyAsync(state))
            {
                Assert.Equal("rejoined", Formation(app));
                await using var cluster = await ClusterAccess.ConnectAsync(app);
                foreach (var node in cluster.Nodes)
                {
                    Assert.Equal(ids[node.Resource], await cluster.IdOfAsync(node));
                    Assert.Equal("6", (await cluster.InfoAsync(node))["cluster_known_nodes"]);
                }

                await AssertShardsAsync(cluster);
                await StopAsync(app);
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
        var masters = await cluster.MastersAsync();
        Assert.Equal(3, masters.Count);
        foreach (var (slot, shard) in new[] { (0, 0), (5461, 1), (10923, 2), (16383, 2) })
        {
            var pair = new[] { cluster.Nodes[shard], cluster.Nodes[shard + 3] };
            var master = await cluster.MasterOfAsync(slot);
            Assert.Contains(master, pair);
            Assert.Equal(pair.Single(node => node != master), await cluster.ReplicaOfAsync(master));
        }
    }

    private static async Task AssertPasswordOnNoNodeCommandLineOrEnvironmentAsync(DistributedApplication app)
    {
        var cluster = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<RedisClusterResource>().Single();
        var password = await cluster.PasswordParameter.GetValueAsync(TestTimeouts.After(TestTimeouts.Step));
        Assert.False(string.IsNullOrEmpty(password));
        foreach (var node in cluster.Nodes)
        {
            var pid = ProcessIdOf(app, node.Name);
            Assert.DoesNotContain(password!, ProcessTree.CommandLineOf(pid), StringComparison.Ordinal);
            Assert.DoesNotContain(password!, File.ReadAllText($"/proc/{pid}/environ"), StringComparison.Ordinal);
        }
    }

    private static string? Formation(DistributedApplication app) =>
        app.ResourceNotifications.TryGetCurrentState(ResourceNames.Redis, out var redis)
            ? redis.Snapshot.Properties.FirstOrDefault(p => p.Name == RedisClusterExtensions.FormationProperty)?.Value?.ToString()
            : null;

    private static int ProcessIdOf(DistributedApplication app, string resource) =>
        app.ResourceNotifications.TryGetCurrentState(resource, out var current)
        && current.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } pid
            ? Convert.ToInt32(pid, System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"{resource} has no process.");

    /// <summary>The AppHost's model with 3 masters and a replica each, its projects removed: only the cluster starts.</summary>
    private static async Task<DistributedApplication> StartClusterOnlyAsync(string state)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.AppStart);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Relay_AppHost>(
            [
                .. TestCredentials.AppHostArguments,
                "--Relay:RedisCluster:Masters=3",
                "--Relay:RedisCluster:ReplicasPerMaster=1",
                "--Relay:RedisCluster:NodeTimeoutMs=1500",
                "--Relay:RedisAppendOnly=true",
                $"--Relay:StateDirectory={state}",
            ],
            timeout.Token);
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.Resources.Remove(project);
        }

        builder.Services.AddLogging(logging => logging
            .AddFilter(level => level >= LogLevel.Information)
            .AddProvider(new ResourceLogFiles(
                Path.Combine(AppContext.BaseDirectory, "resource-logs", nameof(RedisClusterFormationTests)), NullMessageSink.Instance, nameof(RedisClusterFormationTests))));
        var app = await builder.BuildAsync(timeout.Token);
        try
        {
            await app.StartAsync(timeout.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Redis, timeout.Token);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the app and waits until its nodes' processes are gone, so the next start finds their files free.</summary>
    private static async Task StopAsync(DistributedApplication app)
    {
        var cluster = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<RedisClusterResource>().Single();
        var pids = cluster.Nodes.Select(node => ProcessIdOf(app, node.Name)).ToList();
        await app.StopAsync(TestTimeouts.After(TestTimeouts.Recovery));
        var deadline = DateTime.UtcNow + TestTimeouts.Recovery;
        while (pids.Any(pid => Directory.Exists($"/proc/{pid}") && ProcStat.TryRead(pid, out var stat) && stat.State != 'Z'))
        {
            Assert.True(DateTime.UtcNow < deadline, "A Redis node outlived its AppHost.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
