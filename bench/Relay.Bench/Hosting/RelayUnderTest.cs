using Relay.Contracts;
using Relay.Hosting;
using Relay.Hosting.Testing;

namespace Relay.Bench.Hosting;

/// <summary>
/// The whole Relay app (Redis, Api, two WsBackend replicas, Sender, Receiver) started by the test host, exactly
/// as tests/Relay.Tests does: random ports, Redis without persistence, no dashboard, hence no telemetry export.
/// Disposal stops every process.
/// </summary>
internal sealed class RelayUnderTest : IAsyncDisposable
{
    // The hosting engine's ResourceSnapshot.Type of a .NET project.
    private const string ProjectType = "Project";

    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(120);

    private static readonly string[] s_allResources =
        [ResourceNames.Redis, ResourceNames.Api, ResourceNames.WsBackend, ResourceNames.Sender, ResourceNames.Receiver];

    // The services inherit the bench's environment: an exporter or a Redis from the shell would skew or break the run.
    private static readonly string[] s_clearedVariables = ["OTEL_EXPORTER_OTLP_ENDPOINT", "ConnectionStrings__redis"];

    private readonly DistributedApplication _app;
    private readonly IDisposable _logs;

    private RelayUnderTest(DistributedApplication app, IDisposable logs)
    {
        _app = app;
        _logs = logs;
    }

    public static async Task<RelayUnderTest> StartAsync(string logFolder, CancellationToken cancellationToken)
    {
        foreach (var variable in s_clearedVariables)
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_startTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Relay_AppHost>([], timeout.Token);
        var app = await builder.BuildAsync(timeout.Token);
        var relay = new RelayUnderTest(app, app.WriteResourceLogsTo(logFolder, line => Console.Error.WriteLine($"[{line.Instance}] {line.Text}")));
        try
        {
            await app.StartAsync(timeout.Token);
            foreach (var resource in s_allResources)
            {
                await app.WaitForResourceHealthyAsync(resource, timeout.Token);
            }
        }
        catch
        {
            await relay.DisposeAsync();
            throw;
        }

        return relay;
    }

    public int ReplicaCount(string resourceName) => _app.GetReplicaCount(resourceName);

    public Uri HttpUri(string resourceName, int replica = 0) => _app.GetEndpoint(resourceName, replica);

    public Uri WebSocketUri(string resourceName, int replica, string query) =>
        new UriBuilder(_app.GetEndpoint(resourceName, replica)) { Scheme = "ws", Path = RelayRoutes.WebSocket, Query = query }.Uri;

    /// <summary>The process of one instance (<c>api-0</c>, <c>wsbackend-1</c>, <c>redis-0</c>).</summary>
    public int ProcessId(string instance) =>
        _app.GetResources().Single(snapshot => snapshot.Instance == instance).ProcessId
        ?? throw new InvalidOperationException($"{instance} has no process.");

    /// <summary>Every instance's process, by instance name.</summary>
    public IReadOnlyDictionary<string, int> ProcessIds() =>
        _app.GetResources().Where(snapshot => snapshot.ProcessId is not null).ToDictionary(snapshot => snapshot.Instance, snapshot => snapshot.ProcessId!.Value);

    /// <summary>
    /// The build configuration the services run from ("Release", "Debug", or "mixed"), read from their command
    /// lines (<c>dotnet …/bin/&lt;Configuration&gt;/net10.0/X.dll</c>): Debug services would make the figures meaningless.
    /// </summary>
    public string ServiceBuildConfiguration()
    {
        var configurations = _app.GetResources()
            .Where(snapshot => snapshot.Type == ProjectType && snapshot.ProcessId is not null)
            .Select(snapshot => Measurement.ProcFs.CommandLine(snapshot.ProcessId!.Value))
            .Select(commandLine => commandLine.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release"
                : commandLine.Contains("/bin/Debug/", StringComparison.Ordinal) ? "Debug" : "unknown")
            .Distinct()
            .ToArray();
        return configurations.Length == 1 ? configurations[0] : "mixed";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _logs.Dispose();
    }
}
