using Relay.Receiver.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using ServiceDefaults = Microsoft.Extensions.Hosting.Extensions;

namespace Relay.Receiver.Proxy;

/// <summary>Everything the Receiver proxies: <c>/ws</c> to the WsBackend replicas, the channel reads to the Api.</summary>
internal static class ReceiverProxyConfig
{
    /// <summary>
    /// The passive check's window: the connection failures of this period are counted, and a destination
    /// they mark unhealthy is left out this long (YARP uses the longer of the two; its default is 60 s,
    /// which would keep a restarted replica out for a minute).
    /// </summary>
    public static readonly TimeSpan PassiveHealthPeriod = TimeSpan.FromSeconds(10);

    public static ProxyConfigSnapshot Create(IReadOnlyList<string> wsBackendAddresses, IReadOnlyList<string> apiAddresses, WsBackendProxyOptions options) =>
        new(
            [WsBackendProxyConfig.Route(), ApiProxyConfig.Route()],
            [WsBackendProxyConfig.Cluster(wsBackendAddresses, options), ApiProxyConfig.Cluster(apiAddresses, options)]);

    /// <summary>Destinations keyed by address, so a destination keeps its health state across refreshes.</summary>
    public static Dictionary<string, DestinationConfig> Destinations(IReadOnlyList<string> addresses) =>
        addresses.ToDictionary(address => address, address => new DestinationConfig { Address = address });

    /// <summary>The same checks for every cluster: each destination's <c>/health</c>, and its connection failures.</summary>
    public static HealthCheckConfig HealthCheck(WsBackendProxyOptions options) => new()
    {
        // When every destination looks unhealthy (all restarted at once, say), try them anyway:
        // one may already be back before the next probe, and refusing gains nothing.
        AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyOrPanic,
        // /health includes the service's Redis link: a replica that lost Redis would take sockets it
        // cannot feed, so new ones go to the others. When Redis is down for all, the panic rule
        // above still lets requests through (services reconnect to Redis by themselves).
        Active = new ActiveHealthCheckConfig
        {
            Enabled = true,
            Interval = options.HealthCheckInterval,
            Timeout = options.HealthCheckTimeout,
            Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
            Path = ServiceDefaults.HealthEndpointPath,
        },
        Passive = new PassiveHealthCheckConfig
        {
            Enabled = true,
            Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate,
            ReactivationPeriod = PassiveHealthPeriod,
        },
    };
}
