using System.Globalization;
using System.Net;
using Relay.Receiver.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using ServiceDefaults = Microsoft.Extensions.Hosting.Extensions;

namespace Relay.Receiver.Proxy;

/// <summary>Everything the Receiver proxies: <c>/ws</c> to the WsBackend replicas, the channel reads to the Api.</summary>
internal static class ReceiverProxyConfig
{
    /// <summary>Failed probes in a row that mark a destination unhealthy (YARP's ConsecutiveFailures policy).</summary>
    public const int ActiveFailureThreshold = 2;

    /// <summary>The cluster metadata the health policies read: the active threshold, stated rather than YARP's default.</summary>
    public static readonly IReadOnlyDictionary<string, string> HealthCheckMetadata = new Dictionary<string, string>
    {
        [ConsecutiveFailuresHealthPolicyOptions.ThresholdMetadataName] = ActiveFailureThreshold.ToString(CultureInfo.InvariantCulture),
    };

    public static ProxyConfigSnapshot Create(IReadOnlyList<string> wsBackendAddresses, IReadOnlyList<string> apiAddresses, WsBackendProxyOptions options) =>
        new(
            [WsBackendProxyConfig.Route(), ApiProxyConfig.Route()],
            [WsBackendProxyConfig.Cluster(wsBackendAddresses, options), ApiProxyConfig.Cluster(apiAddresses, options)]);

    /// <summary>
    /// A cluster of the given addresses with the shared health checks. Every service listens on plain http, where
    /// HTTP/2 would need prior knowledge (and WebSockets upgrade over HTTP/1.1): ask for 1.1 outright.
    /// </summary>
    public static ClusterConfig Cluster(string clusterId, IReadOnlyList<string> addresses, WsBackendProxyOptions options, string? loadBalancingPolicy = null) => new()
    {
        ClusterId = clusterId,
        LoadBalancingPolicy = loadBalancingPolicy,
        Destinations = Destinations(addresses),
        HealthCheck = HealthCheck(options),
        Metadata = HealthCheckMetadata,
        HttpRequest = new ForwarderRequestConfig
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        },
    };

    /// <summary>Destinations keyed by address, so a destination keeps its health state across refreshes.</summary>
    private static Dictionary<string, DestinationConfig> Destinations(IReadOnlyList<string> addresses) =>
        addresses.ToDictionary(address => address, address => new DestinationConfig { Address = address });

    /// <summary>
    /// How long one unanswered request leaves a destination out: as long as the probes take to mark a destination
    /// that stays dead down themselves, so it is not tried again in between; a restarted one is back soon after.
    /// </summary>
    public static TimeSpan PassiveReactivationPeriod(WsBackendProxyOptions options) =>
        options.HealthCheckInterval * ActiveFailureThreshold + options.HealthCheckTimeout;

    /// <summary>The same checks for every cluster: each destination's <c>/health</c>, and the requests it does not answer.</summary>
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
        // A stopped or crashed replica refuses the very next connection: it is left out at once instead of
        // taking every reconnect until the probes notice.
        Passive = new PassiveHealthCheckConfig
        {
            Enabled = true,
            Policy = UnreachableDestinationPolicy.PolicyName,
            ReactivationPeriod = PassiveReactivationPeriod(options),
        },
    };
}
