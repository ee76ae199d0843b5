using Relay.Contracts;
using Relay.Hosting;
using Relay.Hosting.Testing;
using Xunit.Sdk;
using Xunit.v3;

namespace Relay.Tests.Infrastructure;

/// <summary>
/// The whole Relay app (Redis, Api, two WsBackend replicas, Sender, Receiver) started by the test
/// host on random ports. Resource logs go to files in the test output folder, and warnings and
/// errors to the test runner's diagnostic messages.
/// </summary>
public class RelayApp(IMessageSink diagnostics) : IAsyncLifetime
{
    private static readonly string[] AllResources =
        [ResourceNames.Redis, ResourceNames.Api, ResourceNames.WsBackend, ResourceNames.Sender, ResourceNames.Receiver];

    private DistributedApplication? _app;
    private IDisposable? _logSubscription;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The app is not started.");

    /// <summary>Configuration handed to the AppHost, as `dotnet run -- …` would.</summary>
    protected virtual string[] Arguments => [];

    /// <summary>
    /// Environment variables the service processes inherit (they inherit the test process's environment, as they
    /// would the AppHost's): set only while this app starts its processes.
    /// </summary>
    protected virtual IReadOnlyDictionary<string, string> ServiceEnvironment { get; } = new Dictionary<string, string>();

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.AppStart);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Relay_AppHost>(Arguments, timeout.Token);
        _app = await builder.BuildAsync(timeout.Token);
        var appName = GetType().Name;
        _logSubscription = _app.WriteResourceLogsTo(Path.Combine(AppContext.BaseDirectory, "resource-logs", appName),
            line => diagnostics.OnMessage(new DiagnosticMessage($"[{appName}/{line.Instance}] {line.Text}")));
        foreach (var (name, value) in ServiceEnvironment)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        try
        {
            await _app.StartAsync(timeout.Token);
            foreach (var resource in AllResources)
            {
                await _app.WaitForResourceHealthyAsync(resource, timeout.Token);
            }
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
        finally
        {
            foreach (var name in ServiceEnvironment.Keys)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }

    public HttpClient CreateHttpClient(string resourceName, int replica = 0) => App.CreateHttpClient(resourceName, replica);

    public Uri WebSocketUri(string resourceName, int replica = 0, string query = "")
    {
        var http = App.GetEndpoint(resourceName, replica);
        return new UriBuilder(http) { Scheme = "ws", Path = RelayRoutes.WebSocket, Query = query }.Uri;
    }

    /// <summary>The WsBackend replicas' WebSocket endpoints, starting with <paramref name="first"/>, then the others in turn.</summary>
    public IReadOnlyList<Uri> WsBackendsFrom(int first)
    {
        var count = App.GetReplicaCount(ResourceNames.WsBackend);
        return [.. Enumerable.Range(0, count).Select(i => WebSocketUri(ResourceNames.WsBackend, (first + i) % count))];
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }

        _logSubscription?.Dispose();
        _logSubscription = null;
    }
}
