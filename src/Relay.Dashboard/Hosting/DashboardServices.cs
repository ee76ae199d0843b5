using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Relay.Dashboard.Api;
using Relay.Dashboard.Auth;
using Relay.Dashboard.Otlp;
using Relay.Dashboard.Pages;
using Relay.Dashboard.Storage;

namespace Relay.Dashboard.Hosting;

internal static class DashboardServices
{
    // Long enough for in-flight exports to finish, short enough that the AppHost's Ctrl+C feels immediate.
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    public static WebApplicationBuilder AddDashboardServices(
        this WebApplicationBuilder builder,
        DashboardOptions options,
        IDashboardResources resources,
        DashboardListeners listeners,
        DashboardSecrets secrets)
    {
        // Kestrel without HTTPS: the dashboard is plain http on loopback and needs no certificate.
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            listeners.Configure(kestrel);
        });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);

        // Kestrel warns at every start that HTTP/2 needs TLS on the Http1AndHttp2 OTLP/HTTP endpoint; known and harmless.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Error);

        var services = builder.Services;
        services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        services.AddRouting();
        services.AddProblemDetails();
        services.Configure<JsonOptions>(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, DashboardJsonContext.Default));
        services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = OtlpHttpBody.MaxBytes;
            o.IgnoreUnknownServices = true;
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, DashboardListenerMatcherPolicy>());

        services.AddSingleton(options);
        services.AddSingleton(resources);
        services.AddSingleton(listeners);
        services.AddSingleton(secrets);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DashboardAssets>();
        services.AddSingleton<DashboardChanges>();
        services.AddSingleton<TelemetryCounters>();
        services.AddSingleton<TraceStore>();
        services.AddSingleton<LogStore>();
        services.AddSingleton<MetricStore>();
        services.AddSingleton<OtlpIngestQueue>();
        services.AddHostedService<OtlpIngestWorker>();
        services.AddHostedService<ChangeTicker>();
        return builder;
    }
}
