using System.Net;
using Relay.Contracts;
using Relay.Receiver.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;
using ServiceDefaults = Microsoft.Extensions.Hosting.Extensions;

namespace Relay.Receiver.Proxy;

/// <summary>The one route (<c>GET /ws</c>) and the one cluster (every WsBackend replica) the Receiver proxies.</summary>
internal static class WsBackendProxyConfig
{
    public const string RouteId = "ws";
    public const string ClusterId = ResourceNames.WsBackend;

    /// <summary>
    /// The passive check's window: the connection failures of this period are counted, and a replica
    /// they mark unhealthy is left out this long (YARP uses the longer of the two; its default is 60 s,
    /// which would keep a restarted replica out for a minute).
    /// </summary>
    public static readonly TimeSpan PassiveHealthPeriod = TimeSpan.FromSeconds(10);

    public static ProxyConfigSnapshot Create(IReadOnlyList<string> addresses, WsBackendProxyOptions options)
    {
        var route = new RouteConfig
        {
            RouteId = RouteId,
            ClusterId = ClusterId,
            Match = new RouteMatch { Path = RelayRoutes.WebSocket, Methods = [HttpMethods.Get] },
        };

        var cluster = new ClusterConfig
        {
            ClusterId = ClusterId,
            // A WebSocket is one long request: counting in-flight requests spreads connections evenly.
            LoadBalancingPolicy = LoadBalancingPolicies.LeastRequests,
            // Destinations are keyed by address, so a replica keeps its health state across refreshes.
            Destinations = addresses.ToDictionary(address => address, address => new DestinationConfig { Address = address }),
            HealthCheck = new HealthCheckConfig
            {
                // When every replica looks unhealthy (all restarted at once, say), try them anyway:
                // one may already be back before the next probe, and refusing gains nothing.
                AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyOrPanic,
                // /health includes the replica's Redis link: a replica that lost Redis would take sockets it
                // cannot feed, so new ones go to the others. When Redis is down for all, the panic rule
                // above still lets connections through (replicas reconnect to Redis by themselves).
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
            },
            // WebSockets upgrade over HTTP/1.1; the replicas listen on plain http.
            HttpRequest = new ForwarderRequestConfig
            {
                Version = HttpVersion.Version11,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            },
        };

        return new ProxyConfigSnapshot([route], [cluster]);
    }
}
