using Relay.WsBackend.Identity;
using Relay.WsBackend.Presence;

// In the namespace of the other WsBackend registrations, so AddWsBackendServices needs no extra using.
namespace Relay.WsBackend.Extensions;

internal static class PresenceServiceExtensions
{
    /// <summary>Presence: the tracker the connection runner reports to, its writer, heartbeat and event relay.</summary>
    public static IHostApplicationBuilder AddWsBackendPresence(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(static sp => PresenceProcess.Create(sp.GetRequiredService<ReplicaIdentity>()));
        services.AddSingleton<PresenceRegistration>();
        services.AddSingleton<PresenceWriter>();
        services.AddSingleton<PresenceOutage>();
        services.AddSingleton<RedisPresenceTracker>();
        services.AddSingleton<IPresenceTracker>(static sp => sp.GetRequiredService<RedisPresenceTracker>());
        services.AddSingleton<PresenceHeartbeat>();
        services.AddSingleton<PresenceEventRelay>();
        services.AddHostedService<PresenceService>();
        return builder;
    }
}
