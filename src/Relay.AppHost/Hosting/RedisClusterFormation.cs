using System.Globalization;
using System.Net;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Aspire.Hosting;

/// <summary>
/// Joins a <see cref="RedisClusterResource"/>'s running nodes into one cluster as <c>redis-cli --cluster create</c>
/// would (distinct config epochs, the slots split evenly over the masters, MEET, REPLICATE), but from the AppHost
/// through StackExchange.Redis, so the password is on no command line and in no process's environment. Nodes whose
/// <c>nodes.conf</c> already hold a cluster (the AppHost started again on the same state folder) are not formed again:
/// they are only told each other's new ports.
/// </summary>
internal static class RedisClusterFormation
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>Returns once every node reports <c>cluster_state:ok</c> and sees all the others; true when it formed the cluster now.</summary>
    public static async Task<bool> FormOrRejoinAsync(RedisClusterResource cluster, ILogger logger, CancellationToken cancellationToken)
    {
        var options = ConfigurationOptions.Parse(await cluster.ConnectionStringExpression.GetValueAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{cluster.Name} has no connection string."));
        options.AllowAdmin = true;
        options.AbortOnConnectFail = false;
        // After a restart the nodes name each other at last run's ports, which the client also tries: do not wait on
        // those (the default waits 5 s) while the nodes, not knowing where the others are, start marking them failed.
        options.ConnectTimeout = 300;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(cancellationToken).ConfigureAwait(false);
        var nodes = cluster.Nodes
            .Select(node => new Node(node.Name, node.PrimaryEndpoint.Port, node.BusEndpoint.Port, connection.GetServer(new IPEndPoint(IPAddress.Loopback, node.PrimaryEndpoint.Port))))
            .ToList();

        var infos = await Task.WhenAll(nodes.Select(node => RetryAsync(() => RedisClusterCommands.InfoAsync(node.Server), cancellationToken))).ConfigureAwait(false);
        var alreadyFormed = infos.Any(info => info.Number("cluster_slots_assigned") > 0);
        if (alreadyFormed)
        {
            Log.ClusterRejoining(logger, cluster.Name, nodes.Count);
        }
        else
        {
            Log.ClusterForming(logger, cluster.Name, cluster.Masters, cluster.ReplicasPerMaster);
            for (var i = 0; i < nodes.Count; i++)
            {
                await nodes[i].Server.ExecuteAsync("CLUSTER", "SET-CONFIG-EPOCH", i + 1).ConfigureAwait(false);
            }

            for (var i = 0; i < cluster.Masters; i++)
            {
                var first = i * RedisClusterCommands.SlotCount / cluster.Masters;
                var last = (i + 1) * RedisClusterCommands.SlotCount / cluster.Masters - 1;
                await nodes[i].Server.ExecuteAsync("CLUSTER", "ADDSLOTSRANGE", first, last).ConfigureAwait(false);
            }
        }

        // Every node meets every other: this joins fresh nodes, and after a restart tells each node the others' new ports.
        foreach (var node in nodes)
        {
            foreach (var other in nodes.Where(other => other != node))
            {
                await node.Server.ExecuteAsync("CLUSTER", "MEET", "127.0.0.1", other.Port, other.BusPort).ConfigureAwait(false);
            }
        }

        if (!alreadyFormed)
        {
            for (var i = cluster.Masters; i < nodes.Count; i++)
            {
                var master = nodes[(i - cluster.Masters) % cluster.Masters];
                var masterId = await RedisClusterCommands.MyIdAsync(master.Server).ConfigureAwait(false);
                // Refused ("Unknown node") until the MEETs have reached this replica.
                await RetryAsync(() => nodes[i].Server.ExecuteAsync("CLUSTER", "REPLICATE", masterId), cancellationToken).ConfigureAwait(false);
            }
        }

        var ports = nodes.Select(node => node.Port).ToHashSet();
        foreach (var node in nodes)
        {
            await RetryAsync(async () => (await RedisClusterCommands.InfoAsync(node.Server).ConfigureAwait(false)).IsOk()
                && await RedisClusterCommands.SeesAllAsync(node.Server, ports).ConfigureAwait(false)
                    ? true
                    : throw new InvalidOperationException($"{node.Name} does not see a whole, healthy cluster yet."), cancellationToken).ConfigureAwait(false);
        }

        Log.ClusterReady(logger, cluster.Name, string.Join(", ", nodes.Select(n => n.Port.ToString(CultureInfo.InvariantCulture))));
        return !alreadyFormed;
    }

    private static async Task<T> RetryAsync<T>(Func<Task<T>> attempt, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await attempt().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private sealed record Node(string Name, int Port, int BusPort, IServer Server);
}
