using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Relay.Contracts;
using Xunit.Sdk;
using Xunit.v3;

namespace Relay.Tests.Infrastructure;

/// <summary>
/// The whole Relay app (Redis, Api, two WsBackend replicas, Sender, Receiver) started from the real AppHost by
/// Aspire.Hosting.Testing, on random ports, with its Redis data in a temp folder. Resource logs go to files in the
/// test output folder (<c>resource-logs/&lt;app&gt;/</c>), and warnings and errors to the runner's diagnostic messages.
/// </summary>
public partial class RelayApp(IMessageSink diagnostics) : IAsyncLifetime
{
    private static readonly string[] AllResources =
        [ResourceNames.Redis, ResourceNames.Api, ResourceNames.WsBackend, ResourceNames.Sender, ResourceNames.Receiver];

    private readonly string _stateDirectory = Directory.CreateTempSubdirectory("relay-tests-").FullName;
    private readonly DashboardAccess _dashboard = new();
    private DistributedApplication? _app;
    private ResourceWatch? _resources;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The app is not started.");

    /// <summary>Every resource's replicas and their latest state.</summary>
    public ResourceWatch Resources => _resources ?? throw new InvalidOperationException("The app is not started.");

    /// <summary>Configuration handed to the AppHost, as `dotnet run -- …` would.</summary>
    protected virtual string[] Arguments => [];

    /// <summary>
    /// Whether the Aspire dashboard runs, on free ports, with a telemetry API key (<see cref="CreateTelemetryClient"/>).
    /// The shared app runs as `dotnet run` has it, dashboard included; the specialised apps leave it out (as
    /// Aspire.Hosting.Testing does by default) to start and run lighter.
    /// </summary>
    protected virtual bool WithDashboard => GetType() == typeof(RelayApp);

    /// <summary>Environment variables given to every service process.</summary>
    protected virtual IReadOnlyDictionary<string, string> ServiceEnvironment { get; } = new Dictionary<string, string>
    {
        // Low enough for a test to reach it (Security/ConnectionLimitTests), far above what the other tests open at once.
        ["WsBackend__MaxConnectionsPerAddress"] = SharedMaxConnectionsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),

        // RS256 and ES256 tokens (Security/JwksTokenTests), beside the HS256 secret.
        ["ConnectionTokens__JwksUrl"] = TestJwks.Shared.Url.ToString(),

        // The Receiver's tokens last seconds, not minutes: every page test refreshes its token over the socket.
        ["ConnectionTokens__Lifetime"] = ReceiverTokenLifetime.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>How long the tokens the shared app's Receiver mints last.</summary>
    public static readonly TimeSpan ReceiverTokenLifetime = TimeSpan.FromSeconds(12);

    /// <summary>How many WebSockets one client address may hold on one replica of the shared app.</summary>
    public const int SharedMaxConnectionsPerAddress = 32;

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.AppStart);
        var appName = GetType().Name;
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Relay_AppHost>(
            [.. TestCredentials.AppHostArguments, .. Arguments, .. (WithDashboard ? _dashboard.Arguments : []), $"--Relay:StateDirectory={_stateDirectory}"],
            (options, _) => options.DisableDashboard = !WithDashboard,
            timeout.Token);
        builder.Services.AddLogging(logging => logging
            .AddFilter(level => level >= LogLevel.Information)
            .AddProvider(new ResourceLogFiles(Path.Combine(AppContext.BaseDirectory, "resource-logs", appName), diagnostics, appName)));
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            // As under `dotnet run` with the AppHost's launch profile, whose environment the services inherit there:
            // in Development they serve their pages from wwwroot without being published.
            builder.CreateResourceBuilder(project).WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development");
            foreach (var (name, value) in ServiceEnvironment)
            {
                builder.CreateResourceBuilder(project).WithEnvironment(name, value);
            }
        }

        ConfigureBuilder(builder);
        _app = await builder.BuildAsync(timeout.Token);
        _resources = new ResourceWatch(_app);
        try
        {
            await _app.StartAsync(timeout.Token);
            foreach (var resource in AllResources)
            {
                await WaitForResourceHealthyAsync(resource, timeout.Token);
            }
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>A last change to the model before it is built.</summary>
    protected virtual void ConfigureBuilder(IDistributedApplicationTestingBuilder builder)
    {
    }

    /// <summary>A client of the Aspire dashboard's telemetry API (<c>/api/telemetry/*</c>).</summary>
    public HttpClient CreateTelemetryClient() =>
        WithDashboard
            ? _dashboard.CreateTelemetryClient(App.GetEndpoint(AppUrlsReportExtensions.DashboardResourceName, "http"))
            : throw new InvalidOperationException($"{GetType().Name} runs no dashboard.");

    /// <summary>An HttpClient for the resource's http endpoint (DCP's proxy, as other services reach it).</summary>
    /// <remarks>The Api's client sends the Sender's key (<see cref="TestCredentials.ApiKey"/>); <see cref="CreateAnonymousHttpClient"/> sends none.</remarks>
    public HttpClient CreateHttpClient(string resourceName)
    {
        var client = App.CreateHttpClient(resourceName, "http");
        if (resourceName == ResourceNames.Api)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", TestCredentials.ApiKey);
        }

        return client;
    }

    /// <summary>An HttpClient for the resource's http endpoint that sends no credentials.</summary>
    public HttpClient CreateAnonymousHttpClient(string resourceName) => App.CreateHttpClient(resourceName, "http");

    /// <summary>
    /// The WebSocket URI of a resource. For WsBackend, replica <paramref name="replica"/>'s own port (past DCP's proxy,
    /// so a test chooses the replica); for the others, their endpoint.
    /// </summary>
    public Uri WebSocketUri(string resourceName, int replica = 0, string query = "") =>
        new UriBuilder(Endpoint(resourceName, replica)) { Scheme = "ws", Path = RelayRoutes.WebSocket, Query = query }.Uri;

    /// <summary>The WsBackend replicas' WebSocket endpoints, starting with <paramref name="first"/>, then the others in turn.</summary>
    public IReadOnlyList<Uri> WsBackendsFrom(int first)
    {
        var count = ReplicaCount(ResourceNames.WsBackend);
        return [.. Enumerable.Range(0, count).Select(i => WebSocketUri(ResourceNames.WsBackend, (first + i) % count))];
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TestTimeouts.Recovery);
            await _app.StopAsync(timeout.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await _app.DisposeAsync();
            _app = null;
        }

        _resources?.Dispose();
        _resources = null;
        try
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
