using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Relay.Dashboard.Auth;
using Relay.Dashboard.Hosting;

namespace Relay.Dashboard;

/// <summary>
/// A running dashboard: one Kestrel server with three loopback endpoints (frontend, OTLP/gRPC, OTLP/HTTP).
/// Start it with <see cref="StartAsync"/>, hand <see cref="OtlpGrpcEndpoint"/> and <see cref="OtlpApiKey"/>
/// to the services, print <see cref="LoginUrl"/>, and dispose it to stop.
/// </summary>
public sealed class DashboardHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    private DashboardHost(WebApplication app, DashboardListeners listeners, DashboardSecrets secrets)
    {
        _app = app;
        FrontendUrl = listeners.UrlOf(DashboardListener.Frontend);
        LoginUrl = new Uri(FrontendUrl, $"{DashboardRoutes.Login}?t={Uri.EscapeDataString(secrets.BrowserToken)}");
        OtlpGrpcEndpoint = listeners.UrlOf(DashboardListener.OtlpGrpc);
        OtlpHttpEndpoint = listeners.UrlOf(DashboardListener.OtlpHttp);
        OtlpApiKey = secrets.OtlpApiKey;
    }

    /// <summary><c>http://127.0.0.1:&lt;frontend port&gt;/</c>.</summary>
    public Uri FrontendUrl { get; }

    /// <summary><c>http://127.0.0.1:&lt;frontend port&gt;/login?t=&lt;browser token&gt;</c>: the URL to print for the user.</summary>
    public Uri LoginUrl { get; }

    /// <summary>The value of <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> with <c>OTEL_EXPORTER_OTLP_PROTOCOL=grpc</c>.</summary>
    public Uri OtlpGrpcEndpoint { get; }

    /// <summary>The value of <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> with <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>.</summary>
    public Uri OtlpHttpEndpoint { get; }

    /// <summary>The key exporters send as <c>OTEL_EXPORTER_OTLP_HEADERS=x-otlp-api-key=&lt;key&gt;</c>.</summary>
    public string OtlpApiKey { get; }

    /// <summary>Validates <paramref name="options"/> and starts listening; the returned host is ready for requests.</summary>
    /// <exception cref="OptionsValidationException">An option is invalid; every failure names its configuration key.</exception>
    /// <exception cref="IOException">A port is in use.</exception>
    public static async Task<DashboardHost> StartAsync(DashboardOptions options, IDashboardResources resources, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(resources);
        var validation = new DashboardOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(DashboardOptions.SectionName, typeof(DashboardOptions), validation.Failures);
        }

        // A private copy: the caller's instance may change after start, the running dashboard must not.
        options = Copy(options);
        var secrets = new DashboardSecrets(options);
        var listeners = new DashboardListeners(options);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(DashboardHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddDashboardServices(options, resources, listeners, secrets);
        var app = builder.Build();
        app.MapDashboard();
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var host = new DashboardHost(app, listeners, secrets);
        Hosting.Log.Started(app.Services.GetRequiredService<ILogger<DashboardHost>>(), host.FrontendUrl, host.OtlpGrpcEndpoint, host.OtlpHttpEndpoint);
        return host;
    }

    /// <summary>Stops listening (open event streams end, in-flight requests get a few seconds) and frees the stored telemetry.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            await _app.StopAsync();
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }

    private static DashboardOptions Copy(DashboardOptions o) => new()
    {
        FrontendPort = o.FrontendPort,
        OtlpGrpcPort = o.OtlpGrpcPort,
        OtlpHttpPort = o.OtlpHttpPort,
        BrowserToken = o.BrowserToken,
        OtlpApiKey = o.OtlpApiKey,
        MaxTracesPerResource = o.MaxTracesPerResource,
        MaxLogsPerResource = o.MaxLogsPerResource,
        MaxMetricPointsPerResource = o.MaxMetricPointsPerResource,
    };
}
