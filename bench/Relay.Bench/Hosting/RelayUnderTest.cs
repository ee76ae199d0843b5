using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Relay.Contracts;
using Relay.Bench.Clients;
using StackExchange.Redis;

namespace Relay.Bench.Hosting;

/// <summary>
/// The whole Relay app (Redis, Api, two WsBackend replicas, Sender, Receiver) started from the real AppHost by
/// Aspire.Hosting.Testing, as tests/Relay.Tests does, with Redis as the AppHost's arguments say (one redis-server, or
/// with <c>--Relay:RedisCluster:Masters</c> a local cluster whose nodes are children of the redis resource): random ports, and by default no dashboard (so no telemetry is
/// exported; the services still get the OTLP variables, build their spans and drop what they cannot send). With
/// <c>RELAY_BENCH_DASHBOARD=on</c> the Aspire dashboard runs and receives everything, as under <c>scripts/run</c>.
/// The bench's <c>OTEL_*</c> variables reach the services (the AppHost passes <c>OTEL_TRACES_SAMPLER</c> on, see
/// TraceSamplingExtensions). Disposal stops every process.
/// </summary>
internal sealed class RelayUnderTest : IAsyncDisposable
{
    /// <summary>Set to <c>on</c> to run the Aspire dashboard beside the app (telemetry exported, always_on unless sampled).</summary>
    public const string DashboardVariable = "RELAY_BENCH_DASHBOARD";

    private const string RedisEndpointName = "tcp";

    // Forming a local cluster (six redis-servers, then the AppHost's CLUSTER MEETs) adds to the start on two busy cores.
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(180);

    // Aspire's relationship type of WithParentRelationship.
    private const string ParentRelationship = "Parent";

    private static readonly string[] s_services =
        [ResourceNames.Redis, ResourceNames.Api, ResourceNames.WsBackend, ResourceNames.Sender, ResourceNames.Receiver];

    private readonly DistributedApplication _app;
    private readonly string _stateDirectory;
    private IReadOnlyList<(string Resource, CustomResourceSnapshot Snapshot)> _replicas = [];
    private string[] _redisProcesses = [];

    private RelayUnderTest(DistributedApplication app, string stateDirectory)
    {
        _app = app;
        _stateDirectory = stateDirectory;
    }

    /// <param name="wsBackendSettings">Configuration for the WsBackend replicas beyond the bench's own (environment variable names).</param>
    /// <param name="appHostArguments">The AppHost's own options beyond the bench's (<c>--Relay:RedisCluster:Masters=3</c>…).</param>
    public static async Task<RelayUnderTest> StartAsync(
        string logFolder,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? wsBackendSettings = null,
        IReadOnlyList<string>? appHostArguments = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_startTimeout);
        var state = Directory.CreateTempSubdirectory("relay-bench-").FullName;
        var dashboard = Environment.GetEnvironmentVariable(DashboardVariable) == "on";
        string[] dashboardArguments = dashboard
            ?
            [
                $"--ASPNETCORE_URLS=http://127.0.0.1:{LoopbackPort.Free()}",
                $"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:{LoopbackPort.Free()}",
                $"--ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:{LoopbackPort.Free()}",
            ]
            : [];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Relay_AppHost>(
            [.. BenchCredentials.AppHostArguments, .. dashboardArguments, .. appHostArguments ?? [], $"--Relay:StateDirectory={state}"],
            (options, _) => options.DisableDashboard = !dashboard,
            timeout.Token);
        Directory.CreateDirectory(logFolder);
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            builder.CreateResourceBuilder(project).WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development");
        }

        // Every bench socket comes from 127.0.0.1: lift the per-address cap (1,000 by default) to the replica's own.
        var wsBackend = builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(p => p.Name == ResourceNames.WsBackend))
            .WithEnvironment("WsBackend__MaxConnectionsPerAddress", "19000");
        foreach (var (name, value) in wsBackendSettings ?? new Dictionary<string, string>())
        {
            wsBackend.WithEnvironment(name, value);
        }

        var relay = new RelayUnderTest(await builder.BuildAsync(timeout.Token), state);
        try
        {
            await relay._app.StartAsync(timeout.Token);
            relay._replicas = await relay.WaitForAllHealthyAsync(timeout.Token);
            relay.RedisRoles = await relay.ReadRedisRolesAsync(timeout.Token);
        }
        catch
        {
            await relay.DisposeAsync();
            throw;
        }

        return relay;
    }

    public int ReplicaCount(string resourceName) => _replicas.Count(r => r.Resource == resourceName);

    /// <summary>A WsBackend replica's own address; for the other resources, their endpoint (DCP's proxy).</summary>
    public Uri HttpUri(string resourceName, int replica = 0) =>
        resourceName == ResourceNames.WsBackend
            ? new Uri(Replica(resourceName, replica).EnvironmentVariables.First(v => v.Name == "ASPNETCORE_URLS").Value!.Split(';')[0])
            : _app.GetEndpoint(resourceName, "http");

    public Uri WebSocketUri(string resourceName, int replica, string query) =>
        new UriBuilder(HttpUri(resourceName, replica)) { Scheme = "ws", Path = RelayRoutes.WebSocket, Query = query }.Uri;

    /// <summary>The resource's endpoint as the other services reach it: for WsBackend, DCP's proxy over the replicas.</summary>
    public Uri ProxiedWebSocketUri(string resourceName, string query) =>
        new UriBuilder(_app.GetEndpoint(resourceName, "http")) { Scheme = "ws", Path = RelayRoutes.WebSocket, Query = query }.Uri;

    /// <summary>
    /// Every service process by instance name (<c>api-0</c>, <c>wsbackend-1</c>), and every Redis process by its
    /// resource's name: <c>redis</c>, or a cluster's <c>redis-node-1</c>… (the cluster's own <c>redis</c> resource runs
    /// no process).
    /// </summary>
    public IReadOnlyDictionary<string, int> ProcessIds() =>
        _replicas.GroupBy(r => r.Resource)
            .SelectMany(g => g.Select((r, i) => (Name: _redisProcesses.Contains(g.Key) ? g.Key : $"{g.Key}-{i}", Pid: Pid(r.Snapshot))))
            .Where(p => p.Pid is not null)
            .ToDictionary(p => p.Name, p => p.Pid!.Value);

    /// <summary>Each Redis process of <see cref="ProcessIds"/> and its role when the app had started (a failover since would change it).</summary>
    public IReadOnlyDictionary<string, string> RedisRoles { get; private set; } = new Dictionary<string, string>();

    public int ProcessId(string instance) => ProcessIds()[instance];

    /// <summary>
    /// The build configuration the services run from ("Release", "Debug", or "mixed"), read from their executables
    /// (<c>…/bin/&lt;Configuration&gt;/net10.0/X</c>): Debug services would make the figures meaningless.
    /// </summary>
    public string ServiceBuildConfiguration()
    {
        var configurations = ProcessIds().Where(p => !_redisProcesses.Contains(p.Key))
            .Select(p => Measurement.ProcFs.CommandLine(p.Value))
            .Select(commandLine => commandLine.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release"
                : commandLine.Contains("/bin/Debug/", StringComparison.Ordinal) ? "Debug" : "unknown")
            .Distinct()
            .ToArray();
        return configurations.Length == 1 ? configurations[0] : "mixed";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private CustomResourceSnapshot Replica(string resource, int index) => _replicas.Where(r => r.Resource == resource).ElementAt(index).Snapshot;

    private static int? Pid(CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value switch
        {
            int pid => pid,
            long pid => (int)pid,
            _ => null,
        };

    // Aspire's own health wait matches the model name: a replicated resource would pass at its first healthy replica.
    // The services' child resources (a cluster's nodes under redis) are waited for too, and measured.
    private async Task<IReadOnlyList<(string, CustomResourceSnapshot)>> WaitForAllHealthyAsync(CancellationToken cancellationToken)
    {
        var model = _app.Services.GetRequiredService<DistributedApplicationModel>();
        var children = model.Resources.OfType<ExecutableResource>()
            .Where(resource => resource.Annotations.OfType<ResourceRelationshipAnnotation>()
                .Any(relation => relation.Type == ParentRelationship && s_services.Contains(relation.Resource.Name)))
            .ToArray();
        _redisProcesses = [ResourceNames.Redis, .. children.Where(child => IsChildOf(child, ResourceNames.Redis)).Select(child => child.Name)];
        string[] watched = [.. s_services, .. children.Select(child => child.Name)];
        var expected = watched.Sum(name => model.Resources.Single(r => r.Name == name).GetReplicaCount());
        var latest = new Dictionary<string, ResourceEvent>(StringComparer.Ordinal);
        await foreach (var update in _app.ResourceNotifications.WatchAsync(cancellationToken))
        {
            if (watched.Contains(update.Resource.Name))
            {
                latest[update.ResourceId] = update;
            }

            if (latest.Count == expected && latest.Values.All(e => e.Snapshot.HealthStatus == HealthStatus.Healthy))
            {
                break;
            }
        }

        return [.. latest.Values.OrderBy(e => e.ResourceId, StringComparer.Ordinal).Select(e => (e.Resource.Name, e.Snapshot))];
    }

    private static bool IsChildOf(IResource resource, string parent) =>
        resource.Annotations.OfType<ResourceRelationshipAnnotation>().Any(relation => relation.Type == ParentRelationship && relation.Resource.Name == parent);

    /// <summary>Asks each Redis process (through the redis resource's connection string) whether it is a replica.</summary>
    private async Task<IReadOnlyDictionary<string, string>> ReadRedisRolesAsync(CancellationToken cancellationToken)
    {
        var options = ConfigurationOptions.Parse(await _app.GetConnectionStringAsync(ResourceNames.Redis, cancellationToken)
            ?? throw new InvalidOperationException("Redis has no connection string."));
        await using var connection = await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(cancellationToken);
        var servers = connection.GetServers();
        var roles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in _redisProcesses.Where(name => ProcessIds().ContainsKey(name)))
        {
            var port = _app.GetEndpoint(name, RedisEndpointName).Port;
            var server = servers.Single(server => server.EndPoint switch
            {
                System.Net.IPEndPoint ip => ip.Port == port,
                System.Net.DnsEndPoint dns => dns.Port == port,
                _ => false,
            });
            roles[name] = server.IsReplica ? RedisRole.Replica : RedisRole.Master;
        }

        return roles;
    }
}
