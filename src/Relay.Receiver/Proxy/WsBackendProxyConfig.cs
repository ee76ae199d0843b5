using Relay.Contracts;
using Relay.Receiver.Options;
using Yarp.ReverseProxy.Configuration;
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

    // A WebSocket is one long request: counting in-flight requests spreads connections evenly.
    public static ClusterConfig Cluster(IReadOnlyList<string> addresses, WsBackendProxyOptions options) =>
        ReceiverProxyConfig.Cluster(ClusterId, addresses, options, LoadBalancingPolicies.LeastRequests);
}
