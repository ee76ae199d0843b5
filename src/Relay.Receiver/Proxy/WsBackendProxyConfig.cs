using System.Net;
using Relay.Contracts;
using Relay.Receiver.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.LoadBalancing;

namespace Relay.Receiver.Proxy;

/// <summary>The route <c>GET /ws</c> and its cluster: every WsBackend replica.</summary>
internal static class WsBackendProxyConfig
{
    public const string RouteId = "ws";
    public const string ClusterId = ResourceNames.WsBackend;
    public const string ServiceName = "http://" + ResourceNames.WsBackend;

    public static RouteConfig Route() => new()
    {
        RouteId = RouteId,
        ClusterId = ClusterId,
        Match = new RouteMatch { Path = RelayRoutes.WebSocket, Methods = [HttpMethods.Get] },
    };

    public static ClusterConfig Cluster(IReadOnlyList<string> addresses, WsBackendProxyOptions options) => new()
    {
        ClusterId = ClusterId,
        // A WebSocket is one long request: counting in-flight requests spreads connections evenly.
        LoadBalancingPolicy = LoadBalancingPolicies.LeastRequests,
        Destinations = ReceiverProxyConfig.Destinations(addresses),
        HealthCheck = ReceiverProxyConfig.HealthCheck(options),
        Metadata = ReceiverProxyConfig.HealthCheckMetadata,
        // WebSockets upgrade over HTTP/1.1; the replicas listen on plain http.
        HttpRequest = new ForwarderRequestConfig
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        },
    };
}
