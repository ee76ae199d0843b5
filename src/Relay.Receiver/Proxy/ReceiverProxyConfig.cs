using System.Net;
using Relay.Contracts;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Relay.Receiver.Proxy;

/// <summary>
/// What the Receiver proxies, so its page needs one origin: <c>/ws</c> to WsBackend, the channel reads (history and
/// presence; GET only, publishing stays with the Sender) to the Api. Destinations are service names that
/// Microsoft.Extensions.ServiceDiscovery.Yarp resolves; under the AppHost <c>http://wsbackend</c> is DCP's proxy,
/// which spreads connections over the replicas (docs/architecture.md).
/// </summary>
internal static class ReceiverProxyConfig
{
    public static IReadOnlyList<RouteConfig> Routes { get; } =
    [
        new()
        {
            RouteId = "ws",
            ClusterId = ResourceNames.WsBackend,
            Match = new RouteMatch { Path = RelayRoutes.WebSocket, Methods = [HttpMethods.Get] },
        },
        new()
        {
            RouteId = "api-channels",
            ClusterId = ResourceNames.Api,
            Match = new RouteMatch { Path = RelayRoutes.Channels + "/{**rest}", Methods = [HttpMethods.Get] },
        },
    ];

    public static IReadOnlyList<ClusterConfig> Clusters { get; } = [Cluster(ResourceNames.WsBackend), Cluster(ResourceNames.Api)];

    // Every service listens on plain http, where HTTP/2 would need prior knowledge and WebSockets upgrade over
    // HTTP/1.1: ask for 1.1 outright.
    private static ClusterConfig Cluster(string service) => new()
    {
        ClusterId = service,
        Destinations = new Dictionary<string, DestinationConfig>
        {
            [service] = new() { Address = $"http://{service}" },
        },
        HttpRequest = new ForwarderRequestConfig
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        },
    };
}
