using System.Net.Http.Headers;
using Relay.Dashboard;

namespace Relay.Tests.Dashboard;

/// <summary>
/// The dashboard alone, on random ports, with small bounds so eviction shows after a few traces,
/// and a fixed set of resources standing in for the engine.
/// </summary>
public sealed class StandaloneDashboard : IAsyncLifetime
{
    public const int MaxTraces = 5;

    private DashboardHost? _host;

    public DashboardHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        var options = new DashboardOptions
        {
            FrontendPort = 0,
            OtlpGrpcPort = 0,
            OtlpHttpPort = 0,
            MaxTracesPerResource = MaxTraces,
        };
        _host = await DashboardHost.StartAsync(options, new FixedResources(), Infrastructure.TestTimeouts.After(Infrastructure.TestTimeouts.Step));
    }

    /// <summary>A client for the frontend's JSON API, with or without the browser token.</summary>
    public HttpClient CreateApiClient(bool authenticated = true)
    {
        var client = new HttpClient { BaseAddress = Host.FrontendUrl };
        if (authenticated)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BrowserToken);
        }

        return client;
    }

    public string BrowserToken => System.Web.HttpUtility.ParseQueryString(Host.LoginUrl.Query)["t"]!;

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private sealed class FixedResources : IDashboardResources
    {
        public IReadOnlyList<DashboardResource> GetResources() =>
        [
            new("api", "api-0", 0, "Project", "Running", "Healthy", 4242, null, DateTimeOffset.UtcNow, 0,
                [new DashboardResourceEndpoint("http", "http://127.0.0.1:5300")],
                new Dictionary<string, string> { ["ConnectionStrings__redis"] = "127.0.0.1:6379,password=hunter2", ["OTEL_SERVICE_NAME"] = "api" }),
        ];

        public Task<bool> ExecuteAsync(string resourceName, int? replica, ResourceAction action, CancellationToken ct) =>
            Task.FromResult(resourceName == "api");

        public IReadOnlyList<ConsoleLogLine> GetConsoleLogs(string? instance) => [];

        public IDisposable SubscribeConsoleLogs(Action<ConsoleLogLine> onLine) => new Nothing();

        private sealed class Nothing : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }
}
