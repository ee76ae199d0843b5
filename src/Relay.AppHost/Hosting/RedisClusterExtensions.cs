using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Hosting;

/// <summary>A local Redis Cluster of <c>redis-server</c> processes, for running Relay on a cluster without a container engine.</summary>
public static class RedisClusterExtensions
{
    /// <summary>How many masters: 0 (the default) runs one <c>redis-server</c> instead of a cluster; otherwise 3 or more.</summary>
    public const string MastersKey = "Relay:RedisCluster:Masters";

    /// <summary>Replicas of each master, 1 by default.</summary>
    public const string ReplicasPerMasterKey = "Relay:RedisCluster:ReplicasPerMaster";

    /// <summary>The nodes' <c>cluster-node-timeout</c> in milliseconds, 2000 by default: how soon a silent master is failed over.</summary>
    public const string NodeTimeoutKey = "Relay:RedisCluster:NodeTimeoutMs";

    /// <summary>The cluster resource's property telling how it came up: <c>formed</c>, or <c>rejoined</c> from the nodes' saved state.</summary>
    public const string FormationProperty = "redis.cluster.formation";

    private const string FormingState = "Forming";

    /// <summary>
    /// <paramref name="masters"/> × (1 + <paramref name="replicasPerMaster"/>) <c>redis-server</c> processes
    /// (<c>{name}-node-1</c> …), children of the returned resource, each cluster-enabled on loopback with the generated
    /// password (<c>requirepass</c> and <c>masterauth</c>, in its owner-only config file) and its state (<c>nodes.conf</c>,
    /// append-only file per <c>Relay:RedisAppendOnly</c>) in <c>{Relay:StateDirectory}/redis-cluster/node-N</c>. Once
    /// they run, the AppHost forms the cluster (<see cref="RedisClusterFormation"/>), or, when their saved state already
    /// holds it, only rejoins them; the resource then runs, and is healthy while its masters report <c>cluster_state:ok</c>,
    /// so dependants' <c>WaitFor</c> waits for a usable cluster. Its connection string lists every node.
    /// <para>
    /// Nodes are not restarted on crash: the cluster heals by failover (a replica takes over after
    /// <paramref name="nodeTimeoutMs"/>), and a killed node stays down until started again from the dashboard; it then
    /// rejoins as a replica of the node that took its place.
    /// </para>
    /// </summary>
    public static IResourceBuilder<RedisClusterResource> AddRedisCluster(
        this IDistributedApplicationBuilder builder, string name, int masters, int replicasPerMaster = 1, int nodeTimeoutMs = 2000)
    {
        if (masters < 3)
        {
            throw new DistributedApplicationException(
                $"{MastersKey} is {masters}: a Redis Cluster needs at least 3 masters (redis-cli --cluster create refuses fewer, " +
                "and a failover needs a majority of masters to agree). Use 0 for a single redis-server.");
        }

        if (replicasPerMaster < 0 || nodeTimeoutMs < 100)
        {
            throw new DistributedApplicationException(
                $"{ReplicasPerMasterKey} must be 0 or more and {NodeTimeoutKey} at least 100 (given {replicasPerMaster} and {nodeTimeoutMs}).");
        }

        RelayRedisExtensions.EnsureRedisServerOnPath(builder, name);
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var cluster = new RedisClusterResource(name, password, masters, replicasPerMaster);
        var clusterBuilder = builder.AddResource(cluster)
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "RedisCluster", State = KnownResourceStates.NotStarted, Properties = [] })
            .WithIconName("Database")
            .ExcludeFromManifest();

        var appendOnly = builder.Configuration.GetValue(RelayRedisExtensions.AppendOnlyKey, true);
        var root = Path.Combine(RelayState.Directory(builder), "redis-cluster");
        for (var i = 1; i <= masters * (1 + replicasPerMaster); i++)
        {
            var node = AddNode(builder, new RedisClusterNodeResource($"{name}-node-{i}", Path.Combine(root, $"node-{i}")), password, appendOnly, nodeTimeoutMs);
            cluster.Add(node.Resource);
            clusterBuilder.WaitForStart(node.WithParentRelationship(cluster));
        }

        var healthCheckKey = $"{name}_check";
        builder.Services.AddKeyedSingleton(name, (_, _) => new RedisClusterHealthCheck(cluster));
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey, services => services.GetRequiredKeyedService<RedisClusterHealthCheck>(name), failureStatus: null, tags: null));

        return clusterBuilder
            .WithHealthCheck(healthCheckKey)
            .OnInitializeResource(StartAsync);
    }

    private static IResourceBuilder<RedisClusterNodeResource> AddNode(
        IDistributedApplicationBuilder builder, RedisClusterNodeResource node, ParameterResource password, bool appendOnly, int nodeTimeoutMs)
    {
        var configFile = Path.Combine(node.DataDirectory, "redis.conf");
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(node, async (_, ct) =>
            await RedisServerConfig.WriteAsync(
                configFile, node.DataDirectory, appendOnly, await password.GetValueAsync(ct).ConfigureAwait(false), ct, nodeTimeoutMs).ConfigureAwait(false));

        return builder.AddResource(node)
            .WithEndpoint(name: RedisClusterNodeResource.PrimaryEndpointName, scheme: "tcp", isProxied: false)
            .WithEndpoint(name: RedisClusterNodeResource.BusEndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add(configFile);
                context.Args.Add("--port");
                context.Args.Add(node.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--cluster-port");
                context.Args.Add(node.BusEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithIconName("Server")
            .ExcludeFromManifest();
    }

    /// <summary>Waits for the nodes (the WaitForStart annotations), forms or rejoins the cluster, then runs.</summary>
    private static async Task StartAsync(RedisClusterResource cluster, InitializeResourceEvent initialize, CancellationToken cancellationToken)
    {
        var notifications = initialize.Notifications;
        try
        {
            await initialize.Eventing.PublishAsync(new BeforeResourceStartedEvent(cluster, initialize.Services), cancellationToken).ConfigureAwait(false);
            await notifications.PublishUpdateAsync(cluster, s => s with { State = new ResourceStateSnapshot(FormingState, KnownResourceStateStyles.Info) })
                .ConfigureAwait(false);

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(2));
            var formed = await RedisClusterFormation.FormOrRejoinAsync(cluster, initialize.Logger, timeout.Token).ConfigureAwait(false);

            await notifications.PublishUpdateAsync(cluster, s => s with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
                Properties =
                [
                    .. s.Properties.Where(p => p.Name != FormationProperty),
                    new ResourcePropertySnapshot(FormationProperty, formed ? "formed" : "rejoined"),
                ],
            }).ConfigureAwait(false);
            await initialize.Eventing.PublishAsync(new ConnectionStringAvailableEvent(cluster, initialize.Services), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.ClusterFailed(initialize.Logger, cluster.Name, ex is OperationCanceledException ? "no cluster_state:ok within 2 minutes" : ex.Message);
            await notifications.PublishUpdateAsync(cluster, s => s with { State = KnownResourceStates.FailedToStart }).ConfigureAwait(false);
        }
    }
}
