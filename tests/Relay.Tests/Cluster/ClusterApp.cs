using Relay.Contracts;
using Relay.Tests.Infrastructure;
using Xunit.Sdk;

namespace Relay.Tests.Cluster;

/// <summary>
/// The whole app on a local Redis Cluster: 3 masters with a replica each (a master that goes silent is failed over after
/// <see cref="NodeTimeout"/>), append-only files on, and 4 WsBackend replicas. Reach the cluster with
/// <see cref="ClusterAccess.ConnectAsync(RelayApp)"/>.
/// </summary>
public sealed class ClusterApp(IMessageSink diagnostics) : RelayApp(diagnostics)
{
    public static readonly TimeSpan NodeTimeout = TimeSpan.FromMilliseconds(1500);

    protected override string[] Arguments =>
    [
        "--Relay:RedisCluster:Masters=3",
        "--Relay:RedisCluster:ReplicasPerMaster=1",
        $"--Relay:RedisCluster:NodeTimeoutMs={NodeTimeout.TotalMilliseconds}",
        "--Relay:RedisAppendOnly=true",
        "--Relay:WsBackendReplicas=4",
        "--Relay:RestartBackoffMaxSeconds=1",
    ];

    /// <summary>
    /// Starts again every node an earlier test left down (it rejoins as a replica), then waits until the cluster is whole
    /// and ok, Redis healthy and every WsBackend replica healthy.
    /// </summary>
    public async Task AllHealthyAsync()
    {
        await using (var cluster = await ClusterAccess.ConnectAsync(this))
        {
            foreach (var node in cluster.Nodes.Where(node => Replica(node.Resource).IsDown))
            {
                await cluster.RestartAsync(node, TestTimeouts.Recovery);
            }

            await cluster.WaitForAllOkAsync(TestTimeouts.Recovery);
        }

        await WaitForResourceHealthyAsync(ResourceNames.Redis, TestTimeouts.After(TestTimeouts.Recovery));
        await WaitForResourceHealthyAsync(ResourceNames.WsBackend, TestTimeouts.After(TestTimeouts.Recovery));
    }
}
