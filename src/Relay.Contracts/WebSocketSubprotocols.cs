namespace Relay.Contracts;

/// <summary>
/// The WebSocket subprotocols of <c>GET /ws</c> (docs/protocol.md). A browser cannot set headers on a WebSocket, so it
/// offers its connection token as a subprotocol beside <see cref="Protocol"/>, which the server selects.
/// </summary>
public static class WebSocketSubprotocols
{
    /// <summary>Relay's frame protocol; selected whenever a client offers it (browsers fail a handshake that selects none of the offered).</summary>
    public const string Protocol = "relay.v1";

    /// <summary>A subprotocol that carries the connection token: <c>relay.token.&lt;jwt&gt;</c>. Never selected, never logged.</summary>
    public const string TokenPrefix = "relay.token.";
}
