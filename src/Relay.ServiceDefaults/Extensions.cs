using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using Relay.Contracts;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The cross-cutting defaults every Relay service starts with, in the shape of the Aspire template:
/// OpenTelemetry, health checks, service discovery and resilient HttpClients.
/// </summary>
public static class Extensions
{
    public const string HealthEndpointPath = RelayRoutes.Health;
    public const string AlivenessEndpointPath = RelayRoutes.Alive;

    /// <summary>The ActivitySource and Meter names that start with this prefix are exported.</summary>
    public const string RelayTelemetryPrefix = "Relay.";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // Secrets come as files, one per key, in the folder the AppHost names (Relay.Contracts.SecretFiles); they override the environment.
        if (Environment.GetEnvironmentVariable(SecretFiles.DirectoryVariable) is { Length: > 0 } secrets)
        {
            builder.Configuration.AddKeyPerFile(secrets, optional: false);
        }

        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(RelayTelemetryPrefix + "*"))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName, RelayTelemetryPrefix + "*")
                // A WebSocket's request lasts as long as its connection, minutes or hours: its span would say
                // nothing about any message and would only show up when the socket closes. Not traced, on
                // either side of the Receiver's proxy. Health probes are left out on both sides too.
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = context =>
                    !WebSocketUpgrades.IsUpgrade(context)
                    && !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                    && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath))
                .AddHttpClientInstrumentation(http => http.FilterHttpRequestMessage = request =>
                    !WebSocketUpgrades.IsUpgrade(request) && !IsHealthProbe(request)));

        builder.AddOpenTelemetryExporters();
        return builder;
    }

    private static TBuilder AddOpenTelemetryExporters<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <remarks>
    /// Mapped in every environment, not only Development as in the template: the AppHost's health checks and the
    /// Receiver's proxy probes read them wherever Relay runs. They say nothing secret (no details are written).
    /// </remarks>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpointPath);
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("live"),
        });
        return app;
    }

    // The Receiver's proxy probes every replica's /alive every few seconds: a root trace per probe would bury
    // the messages' traces, as the server side's would (filtered above).
    private static bool IsHealthProbe(HttpRequestMessage request) =>
        request.RequestUri is { IsAbsoluteUri: true } uri
        && uri.AbsolutePath is HealthEndpointPath or AlivenessEndpointPath;
}
