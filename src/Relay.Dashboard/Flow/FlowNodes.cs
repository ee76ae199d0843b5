namespace Relay.Dashboard.Flow;

/// <summary>The ids of the flow's fixed nodes; each WsBackend instance is a node named after its instance.</summary>
internal static class FlowNodes
{
    public const string Sender = "sender";
    public const string Api = "api";
    public const string Redis = "redis";
    public const string Receivers = "receivers";
}
