using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Relay.Flow;
using Relay.Security;
using Relay.WsBackend.Connections;
using Relay.WsBackend.Flow;
using Relay.WsBackend.Identity;
using Relay.WsBackend.Messaging;
using Relay.WsBackend.Options;
using Relay.WsBackend.Security;
using Relay.WsBackend.Telemetry;

namespace Relay.WsBackend.Extensions;

internal static class WsBackendExtensions
{
    /// <summary>
    /// The delivery loop, its Redis subscription and history reads, the connection bookkeeping, the connection tokens and
    /// the upgrade's checks, and their options.
    /// </summary>
    public static IHostApplicationBuilder AddWsBackendServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WsBackendOptions>().BindConfiguration(WsBackendOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WsBackendOptions>, WsBackendOptionsValidator>();

        // Past this many WebSockets Kestrel refuses the upgrade itself, before the process runs out of descriptors.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<WsBackendOptions>>(
            (kestrel, options) => kestrel.Limits.MaxConcurrentUpgradedConnections = options.Value.MaxConnections);

        // The client address of a connection through the Receiver's proxy is its X-Forwarded-For, trusted only from
        // the default known proxies (loopback): anyone else could claim any address to dodge the per-address limit.
        services.Configure<ForwardedHeadersOptions>(forwarded => forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor);

        builder.AddConnectionTokens();
        services.AddSingleton<AllowedOrigins>();
        services.AddSingleton<UpgradeAuthorizer>();
        services.AddHostedService<ConnectionExpiryService>();

        services.AddProblemDetails();
        services.AddSingleton(ReplicaIdentity.FromConfiguration(builder.Configuration));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WsBackendMetrics>();
        services.AddSingleton<FlowFigures>();
        services.AddSingleton<IFlowSource>(sp => sp.GetRequiredService<FlowFigures>());
        services.AddSingleton<ConnectionTracker>();
        services.AddSingleton<SubscriptionRegistry>();
        services.AddSingleton<ConnectionRunner>();
        services.AddSingleton<MessageFanOut>();
        services.AddSingleton<HistoryReader>();
        services.AddSingleton<MessageSequencer>();
        services.AddSingleton<SubscriptionHandler>();
        services.AddSingleton<DeliveryLoop>();
        services.AddSingleton<IMessageSubscriber, RedisMessageSubscriber>();
        services.AddHostedService<MessageSubscriptionService>();
        services.AddHostedService<ConnectionShutdownService>();
        services.AddHostedService<FlowReporter>();
        builder.AddWsBackendPresence();
        return builder;
    }

    /// <summary>
    /// The client address from a loopback proxy's X-Forwarded-For, then WebSockets with the configured keep-alive: a ping
    /// every interval, abort when no pong within the timeout. Origins are checked by the endpoint (<see cref="AllowedOrigins"/>).
    /// </summary>
    public static WebApplication UseWsBackendWebSockets(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<WsBackendOptions>>().Value;
        app.UseForwardedHeaders();
        app.UseWebSockets(new WebSocketOptions
        {
            KeepAliveInterval = options.KeepAliveInterval,
            KeepAliveTimeout = options.KeepAliveTimeout,
        });
        return app;
    }
}
