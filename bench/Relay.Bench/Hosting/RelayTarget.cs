using Relay.Bench.Clients;
using Relay.Contracts;

namespace Relay.Bench.Hosting;

/// <summary>
/// Relay as a <see cref="ITargetStack"/>: the whole app, on one Redis or a cluster (<paramref name="target"/>), its
/// subscribers connecting as <c>--via</c> says.
/// </summary>
internal sealed class RelayTarget(string target, RelayUnderTest relay, string via) : ITargetStack
{
    /// <summary>Each replica's own port, spread evenly.</summary>
    public const string ViaWsBackend = "wsbackend";

    /// <summary>DCP's proxy in front of the replicas (<c>services__wsbackend__http__0</c>).</summary>
    public const string ViaDcpProxy = "dcp-proxy";

    /// <summary>The Receiver's YARP, then DCP's proxy: the path a Receiver page takes.</summary>
    public const string ViaReceiver = "receiver";

    public string Target => target;

    public Uri Api => relay.HttpUri(ResourceNames.Api);

    public Uri SubscriberUri(int index, string channel) => via switch
    {
        ViaReceiver => relay.WebSocketUri(ResourceNames.Receiver, 0, $"channel={channel}"),
        ViaDcpProxy => relay.ProxiedWebSocketUri(ResourceNames.WsBackend, $"channel={channel}"),
        _ => relay.WebSocketUri(ResourceNames.WsBackend, index % relay.ReplicaCount(ResourceNames.WsBackend), $"channel={channel}"),
    };

    public SubscriberProtocol SubscriberProtocol(string channel) => Clients.SubscriberProtocol.RelayFrames;

    public IReadOnlyDictionary<string, int> ProcessIds() => relay.ProcessIds();

    public IReadOnlyDictionary<string, string> RedisRoles() => relay.RedisRoles;

    public string ServicesBuild() => relay.ServiceBuildConfiguration();

    public ValueTask DisposeAsync() => relay.DisposeAsync();
}
