using System.Net.WebSockets;

namespace Relay.WsBackend.Connections;

/// <summary>The close codes of docs/protocol.md that <see cref="WebSocketCloseStatus"/> does not name.</summary>
internal static class CloseCodes
{
    /// <summary>RFC 6455 leaves 4000–4999 to applications: Relay's "slow consumer".</summary>
    public const WebSocketCloseStatus SlowConsumer = (WebSocketCloseStatus)4008;

    /// <summary>The connection's token expired without a refresh (docs/protocol.md).</summary>
    public const WebSocketCloseStatus TokenExpired = (WebSocketCloseStatus)4001;

    /// <summary>A refresh brought another subject's token: a connection never changes who it is.</summary>
    public const WebSocketCloseStatus Forbidden = (WebSocketCloseStatus)4003;

    /// <summary>The client sent frames faster than its allowance.</summary>
    public const WebSocketCloseStatus TooManyFrames = (WebSocketCloseStatus)4029;

    /// <summary>IANA's "Service Restart": the replica is shutting down, reconnect.</summary>
    public const WebSocketCloseStatus ServiceRestart = (WebSocketCloseStatus)1012;
}
