using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;

namespace Relay.Receiver.Proxy;

/// <summary>One immutable YARP configuration; <see cref="SignalChanged"/> tells YARP to fetch the next one.</summary>
internal sealed class ProxyConfigSnapshot : IProxyConfig
{
    private readonly CancellationTokenSource _changed = new();

    public ProxyConfigSnapshot(IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters)
    {
        Routes = routes;
        Clusters = clusters;
        ChangeToken = new CancellationChangeToken(_changed.Token);
    }

    public IReadOnlyList<RouteConfig> Routes { get; }

    public IReadOnlyList<ClusterConfig> Clusters { get; }

    public IChangeToken ChangeToken { get; }

    public void SignalChanged() => _changed.Cancel();
}
