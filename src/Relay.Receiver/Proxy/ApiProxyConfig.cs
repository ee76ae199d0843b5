using Relay.Contracts;
using Relay.Receiver.Options;
using Yarp.ReverseProxy.Configuration;

namespace Relay.Receiver.Proxy;

/// <summary>
/// The route <c>GET /api/channels/{**rest}</c> (history and presence, which the page reads from its own origin)
/// and its cluster: every Api instance. Publishing stays with the Sender: only GET is proxied.
/// </summary>
internal static class ApiProxyConfig
{
    public const string RouteId = "api-channels";
    public const string ClusterId = ResourceNames.Api;
    public const string ServiceName = "http://" + ResourceNames.Api;

    public static RouteConfig Route() => new()
    {
        RouteId = RouteId,
        ClusterId = ClusterId,
        Match = new RouteMatch { Path = RelayRoutes.Channels + "/{**rest}", Methods = [HttpMethods.Get] },
    };

    public static ClusterConfig Cluster(IReadOnlyList<string> addresses, WsBackendProxyOptions options) =>
        ReceiverProxyConfig.Cluster(ClusterId, addresses, options);
}
