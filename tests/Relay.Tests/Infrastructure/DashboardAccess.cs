namespace Relay.Tests.Infrastructure;

/// <summary>
/// A test app's Aspire dashboard: free ports rather than the launch profile's 18888–18890 (a person's running app may
/// hold them), and the key of its telemetry API (<c>x-api-key</c>), given to the AppHost as configuration.
/// </summary>
internal sealed class DashboardAccess
{
    private readonly string _apiKey = Guid.NewGuid().ToString("N");

    public string[] Arguments =>
    [
        $"--ASPNETCORE_URLS=http://127.0.0.1:{AppHostProcess.FreePort()}",
        $"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:{AppHostProcess.FreePort()}",
        $"--ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:{AppHostProcess.FreePort()}",
        $"--AppHost:DashboardApiKey={_apiKey}",
    ];

    /// <param name="dashboard">The dashboard's endpoint, as DCP gives it (it may proxy the configured port).</param>
    public HttpClient CreateTelemetryClient(Uri dashboard)
    {
        var client = new HttpClient { BaseAddress = dashboard };
        client.DefaultRequestHeaders.Add("x-api-key", _apiKey);
        return client;
    }
}
