namespace Relay.Contracts.Flow;

/// <summary>
/// The ids of the flow's fixed nodes, which are also their kinds. Each WsBackend replica is a node of kind
/// <see cref="WsBackend"/> whose id is its instance id (<c>wsbackend-0</c>…).
/// </summary>
public static class FlowNodes
{
    public const string Sender = ResourceNames.Sender;
    public const string Api = ResourceNames.Api;
    public const string Redis = ResourceNames.Redis;
    public const string WsBackend = ResourceNames.WsBackend;

    /// <summary>The WebSocket clients of every replica together.</summary>
    public const string Receivers = "receivers";
}
